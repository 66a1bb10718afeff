using System.Drawing;
using System.Globalization;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit.Abstractions;
using static ArcFace.VectorDb.Server.Tests.TestServer;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>The web console at / on the HTTP port, driven in a real headless Chromium over a real server with a key file.</summary>
[Collection(BrowserCollection.Name)]
public class ConsoleTests(ITestOutputHelper output)
{
    private const string Key = "console-write-key-0123456789abcdef";
    private const string ReadKey = "console-read-key-0123456789abcdef";
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    /// <summary>lfw-raw photos ingested (one to three faces each); the search uploads <see cref="Searched"/>.</summary>
    private static readonly string[] Photos = ["0_fn_0", "1_fn_0", "2_fp_0", "10_fn_1", "12_fn_1", "21_fn_1", "3_fn_0", "5_fn_0"];
    private const string Searched = "0_fn_0"; // two faces

    /// <summary>Where the screenshots of each step go: console-screenshots/ beside the test assembly.</summary>
    private static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    [Fact]
    public async Task The_console_asks_for_the_key_lists_collections_boxes_each_face_with_its_hits_shows_a_point_runs_jobs_with_charts_and_deletes_only_with_a_write_key()
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            output.WriteLine("SKIPPED: chromium not installed (apt-get install chromium chromium-driver)");
            return;
        }
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        await using var test = await StartAsync(options => WithApiKeys(options with { ModelDirectory = faces, HttpListen = "127.0.0.1:0" }, $"{Key} write", $"{ReadKey} read"));
        var key = Bearer(Key);
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "lfw", Model = "mobilefacenet-arcface-128.onnx", Preset = "imagenet", Detector = "retinaface-mnet025.onnx", Quantization = Quantization.Int8 }, key);
        var photos = Photos.Select(name => (name + ".jpg", File.ReadAllBytes(Path.Combine(faces, "lfw-raw", name + ".jpg"))));
        var (_, summary) = await IngestImagesTests.IngestAsync(test, "lfw", photos, headers: key);
        Assert.Equal((ulong)Photos.Length, summary.Ingested);
        Directory.CreateDirectory(ScreenshotFolder);
        using var browser = StartChromium(1280, 900);

        // Without the key the page says why it shows nothing (the 401 is the only error the browser logs).
        browser.Navigate().GoToUrl(test.Server.HttpAddress!);
        var message = Until(browser, () => browser.FindElement(By.Id("message")) is { Displayed: true } m && m.Text.Contains("401") ? m : null, "the 401 message");
        Assert.Contains("API key", message.Text);
        Screenshot(browser, "01-no-key-401.png");
        Assert.All(Severe(browser), entry => Assert.Contains("401", entry.Message));

        // With it: the collection is listed, with its model and detector files and its quantisation, and its details open.
        browser.FindElement(By.Id("api-key")).SendKeys(Key);
        browser.FindElement(By.CssSelector("#key-form button")).Click();
        var row = Until(browser, () => browser.FindElement(By.CssSelector("#collections tr[data-name='lfw']")), "the collection's row");
        Assert.Contains("mobilefacenet-arcface-128.onnx", row.Text);
        Assert.Contains("retinaface-mnet025.onnx", row.Text);
        Assert.Contains("int8", row.Text);
        row.Click();
        Until(browser, () => browser.FindElement(By.CssSelector("#details dl")).Text.Contains("retinaface-mnet025.onnx sha256:") ? true : (bool?)null, "the collection's details");
        Assert.Contains("re-rank file", browser.FindElement(By.CssSelector("#details dl")).Text);
        Screenshot(browser, "02-collections.png");

        // A photo uploaded: each face boxed on it and listed with its hits; the centre face's first hit is the photo's own point.
        browser.FindElement(By.Id("photo-input")).SendKeys(Path.Combine(faces, "lfw-raw", Searched + ".jpg"));
        var faceBlocks = Until(browser, () => browser.FindElements(By.CssSelector("#results .face[data-box]")) is { Count: > 0 } found ? found : null, "the faces' hits");
        Until(browser, () => browser.FindElements(By.CssSelector("#results .hit")).Count == browser.FindElements(By.CssSelector("#results .hit img")).Count ? true : (bool?)null, "every hit's thumbnail");
        Assert.True(faceBlocks.Count >= 2, $"{faceBlocks.Count} faces found in {Searched}, which shows two");
        Assert.Equal(faceBlocks.Count, browser.FindElements(By.CssSelector("#stage .box")).Count);
        var centre = faceBlocks.MinBy(face =>
        {
            float[] box = face.GetDomAttribute("data-box")!.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return Math.Abs((box[0] + box[2]) / 2 - 125) + Math.Abs((box[1] + box[3]) / 2 - 125); // LFW photos are 250 × 250, the person centred
        })!;
        var firstHit = centre.FindElement(By.CssSelector(".hit"));
        output.WriteLine($"{faceBlocks.Count} faces; centre face's first hit: {firstHit.Text.Replace('\n', ' ')}");
        Assert.Equal(Searched + ".jpg", firstHit.GetDomAttribute("data-source"));
        Screenshot(browser, "03-search-by-photo.png");

        // The hit's point, and more like it (its own vector finds it first).
        firstHit.Click();
        Until(browser, () => browser.FindElement(By.CssSelector("#point dd[data-field='source']")).Text == Searched + ".jpg" ? true : (bool?)null, "the point's detail");
        Until(browser, () => browser.FindElement(By.CssSelector("#point .thumb-large img")), "the point's thumbnail");
        Assert.Equal("label-" + Searched, browser.FindElement(By.CssSelector("#point dd[data-field='label']")).Text);
        Screenshot(browser, "04-point-detail.png");
        browser.FindElement(By.Id("more-like-this")).Click();
        var like = Until(browser, () => browser.FindElement(By.CssSelector("#results .face[data-face='like'] .hit")), "the points like it");
        Assert.Equal(Searched + ".jpg", like.GetDomAttribute("data-source"));
        Screenshot(browser, "05-more-like-this.png");

        // An ANN job, followed to its end, then listed.
        SetValue(browser, "ann-sample", "8");
        SetValue(browser, "ann-k", "3");
        SetValue(browser, "ann-ef", "8, 16");
        browser.FindElement(By.Id("ann-start")).Click();
        Until(browser, () => browser.FindElement(By.Id("job-state")).GetDomAttribute("data-state") is "succeeded" or "failed" ? true : (bool?)null, "the job's end", TimeSpan.FromSeconds(60));
        Assert.Equal("succeeded", browser.FindElement(By.Id("job-state")).GetDomAttribute("data-state"));
        Assert.Equal(2, browser.FindElements(By.CssSelector("#job-result .ann-runs tbody tr")).Count);
        Until(browser, () => browser.FindElements(By.CssSelector("#jobs tr[data-id] .state-succeeded")).Count == 1 ? true : (bool?)null, "the job in the list");
        Until(browser, () => ChartShown(browser) ? true : (bool?)null, "the ANN job's chart");
        browser.FindElement(By.Id("eval-panel")).Click();
        ScrollTo(browser, "job-result");
        Screenshot(browser, "06-ann-job.png");

        // A retrieval job (leave-one-out over the collection, HNSW beside exact): its Recall@K / mAP table and its chart.
        SetValue(browser, "ret-topk", "1, 5");
        SetValue(browser, "ret-map", "5");
        ((IJavaScriptExecutor)browser).ExecuteScript("document.getElementById('ret-index').value = 'hnsw'");
        SetValue(browser, "ret-ef", "16");
        browser.FindElement(By.Id("retrieval-start")).Click();
        Until(browser, () => browser.FindElements(By.CssSelector("#job-result .retrieval-table")).Count == 1 && ChartShown(browser) ? true : (bool?)null, "the retrieval job's table and chart", TimeSpan.FromSeconds(60));
        Assert.Equal("succeeded", browser.FindElement(By.Id("job-state")).GetDomAttribute("data-state"));
        var metrics = browser.FindElements(By.CssSelector("#job-result .retrieval-table tbody tr")).Select(tr => tr.GetDomAttribute("data-metric")).ToList();
        Assert.Equal(["Recall@1", "Recall@5", "mAP@5", "rank-1"], metrics);
        Assert.Contains("HNSW ef=16", browser.FindElement(By.CssSelector("#job-result .retrieval-table thead")).Text);
        Until(browser, () => browser.FindElements(By.CssSelector("#jobs tr[data-id] .state-succeeded")).Count == 2 ? true : (bool?)null, "both jobs in the list");
        ScrollTo(browser, "job-result");
        Screenshot(browser, "07-retrieval-job.png");

        // A read-only key: no start forms, no delete button (the point detail is still open); the write key brings them back.
        UseKey(browser, ReadKey);
        Until(browser, () => browser.FindElement(By.TagName("body")).GetDomAttribute("data-access") == "read" ? true : (bool?)null, "the read-only access");
        Assert.False(browser.FindElement(By.Id("ann-start")).Displayed, "a read-only key sees the ANN start button");
        Assert.False(browser.FindElement(By.Id("retrieval-start")).Displayed, "a read-only key sees the retrieval start button");
        Assert.False(browser.FindElement(By.Id("delete-point")).Displayed, "a read-only key sees the delete button");
        Assert.True(browser.FindElement(By.Id("read-only-note")).Displayed);
        Until(browser, () => browser.FindElements(By.CssSelector("#collections tr[data-name='lfw']")).Count == 1 ? true : (bool?)null, "the collections with the read key");
        ScrollTo(browser, "point-panel");
        Screenshot(browser, "08-read-only-key-no-buttons.png");
        UseKey(browser, Key);
        Until(browser, () => browser.FindElement(By.TagName("body")).GetDomAttribute("data-access") == "write" ? true : (bool?)null, "the write access");
        Assert.True(browser.FindElement(By.Id("ann-start")).Displayed && browser.FindElement(By.Id("retrieval-start")).Displayed && browser.FindElement(By.Id("delete-point")).Displayed,
            "a write key sees the start and delete buttons");
        Assert.False(browser.FindElement(By.Id("read-only-note")).Displayed);
        ScrollTo(browser, "point-panel");
        Screenshot(browser, "08-write-key.png");

        // Deleting the point from its detail (two clicks): a search for the photo no longer finds it.
        ulong deletedId = ulong.Parse(browser.FindElement(By.CssSelector("#point .info")).GetDomAttribute("data-id")!, CultureInfo.InvariantCulture);
        browser.FindElement(By.Id("delete-point")).Click();
        Until(browser, () => browser.FindElement(By.Id("delete-point")).Text.StartsWith("Really", StringComparison.Ordinal) ? true : (bool?)null, "the armed delete button");
        browser.FindElement(By.Id("delete-point")).Click();
        Until(browser, () => browser.FindElement(By.Id("point-deleted")), "the point's deletion");
        Assert.Empty((await test.Client.GetAsync(new GetRequest { Collection = "lfw", Ids = { deletedId } }, key)).Points);
        ((IJavaScriptExecutor)browser).ExecuteScript("document.getElementById('photo-input').value = ''");
        browser.FindElement(By.Id("photo-input")).SendKeys(Path.Combine(faces, "lfw-raw", Searched + ".jpg"));
        Until(browser, () => browser.FindElements(By.CssSelector("#results .face[data-box] .hit")).Count > 0 ? true : (bool?)null, "the search after the deletion");
        Until(browser, () => browser.FindElements(By.CssSelector("#results .hit")).Count == browser.FindElements(By.CssSelector("#results .hit img")).Count ? true : (bool?)null, "every hit's thumbnail after the deletion");
        Assert.Empty(browser.FindElements(By.CssSelector($"#results .hit[data-id='{deletedId}']")));
        Assert.DoesNotContain(browser.FindElements(By.CssSelector("#results .hit")), hit => hit.GetDomAttribute("data-source") == Searched + ".jpg" && hit.GetDomAttribute("data-id") == deletedId.ToString(CultureInfo.InvariantCulture));
        ((IJavaScriptExecutor)browser).ExecuteScript("window.scrollTo(0, 0)");
        Screenshot(browser, "09-point-deleted.png");

        // A photo with no face in it: the console says so rather than showing an empty result.
        string noFace = BundledGalleryImages(1)[0];
        ((IJavaScriptExecutor)browser).ExecuteScript("document.getElementById('photo-input').value = ''");
        browser.FindElement(By.Id("photo-input")).SendKeys(noFace);
        Until(browser, () => browser.FindElement(By.Id("search-status")).Text == $"No face found in {Path.GetFileName(noFace)}." ? true : (bool?)null, "the no-face status");
        Assert.Contains("a photo without one has nothing to search for", browser.FindElement(By.Id("results")).Text);
        Screenshot(browser, "09b-no-face.png");

        // At a phone's width nothing runs off the side.
        browser.Manage().Window.Size = new Size(390, 844);
        ((IJavaScriptExecutor)browser).ExecuteScript("window.scrollTo(0, 0)");
        Until(browser, () => Convert.ToInt64(((IJavaScriptExecutor)browser).ExecuteScript("return window.innerWidth"), CultureInfo.InvariantCulture) <= 400 ? true : (bool?)null, "the narrow window");
        long scrollWidth = Convert.ToInt64(((IJavaScriptExecutor)browser).ExecuteScript("return document.documentElement.scrollWidth"), CultureInfo.InvariantCulture);
        long innerWidth = Convert.ToInt64(((IJavaScriptExecutor)browser).ExecuteScript("return window.innerWidth"), CultureInfo.InvariantCulture);
        Screenshot(browser, "10-phone-390.png");
        Assert.True(scrollWidth <= innerWidth, $"the page is {scrollWidth} px wide in a {innerWidth} px window");

        var severe = Severe(browser).Select(entry => entry.Message).ToList();
        Assert.True(severe.Count == 0, "the browser logged errors: " + string.Join(" | ", severe));
    }

    /// <summary>
    /// The bundled model and gallery (no face fixtures needed): a binary-quantised collection of whole images, a photo
    /// dropped on the page (a real drop event carrying the file), and the whole image's hits with the photo's own point first.
    /// </summary>
    [Fact]
    public async Task The_console_searches_a_bundled_gallery_by_a_dropped_photo_and_shows_the_whole_image_s_hits()
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            output.WriteLine("SKIPPED: chromium not installed (apt-get install chromium chromium-driver)");
            return;
        }
        await using var test = await StartAsync(options => options with { ModelDirectory = RepositoryFiles.Path("assets", "models"), HttpListen = "127.0.0.1:0" });
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "gallery", Model = "fashion-mnist-arcface.onnx", Quantization = Quantization.Binary });
        var images = BundledGalleryImages(3);
        var (_, summary) = await IngestImagesTests.IngestAsync(test, "gallery", images.Select(path => (Path.GetFileName(path), File.ReadAllBytes(path))));
        Assert.Equal((ulong)images.Count, summary.Ingested);
        Directory.CreateDirectory(ScreenshotFolder);
        using var browser = StartChromium(1280, 900);

        browser.Navigate().GoToUrl(test.Server.HttpAddress!);
        var row = Until(browser, () => browser.FindElement(By.CssSelector("#collections tr[data-name='gallery']")), "the collection's row");
        Assert.Contains("binary", row.Text);
        Until(browser, () => browser.FindElement(By.Id("search-status")).Text.Contains("gallery") ? true : (bool?)null, "the selected collection");
        string dropped = images[4];
        ((IJavaScriptExecutor)browser).ExecuteScript("""
            const [name, base64] = arguments;
            const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: 'image/png' }));
            document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            """, Path.GetFileName(dropped), Convert.ToBase64String(File.ReadAllBytes(dropped)));

        var first = Until(browser, () => browser.FindElements(By.CssSelector("#results .face[data-face='image'] .hit")) is { Count: > 0 } hits ? hits[0] : null, "the whole image's hits");
        Assert.Equal($"5 hits for {Path.GetFileName(dropped)}.", browser.FindElement(By.Id("search-status")).Text);
        Assert.Equal(Path.GetFileName(dropped), first.GetDomAttribute("data-source"));
        Assert.Equal("1.000", first.FindElement(By.CssSelector(".score")).Text);
        Until(browser, () => browser.FindElements(By.CssSelector("#results .hit")).Count == browser.FindElements(By.CssSelector("#results .hit img")).Count ? true : (bool?)null, "every hit's thumbnail");
        Screenshot(browser, "11-gallery-dropped-photo.png");
        var severe = Severe(browser).Select(entry => entry.Message).ToList();
        Assert.True(severe.Count == 0, "the browser logged errors: " + string.Join(" | ", severe));
    }

    /// <summary>The first <paramref name="perClass"/> images of each class of the bundled Fashion-MNIST gallery, class by class.</summary>
    private static List<string> BundledGalleryImages(int perClass) =>
        [.. Directory.GetDirectories(RepositoryFiles.Path("assets", "gallery", "fashion-mnist")).Order(StringComparer.Ordinal)
            .SelectMany(folder => Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).Take(perClass))];

    /// <summary>Whether the job's chart image is in the page and decoded (a PNG that failed to load has naturalWidth 0).</summary>
    private static bool ChartShown(IWebDriver browser) =>
        ((IJavaScriptExecutor)browser).ExecuteScript("const i = document.getElementById('job-chart'); return !!(i && i.complete && i.naturalWidth > 0);") is true;

    private static void ScrollTo(IWebDriver browser, string id) =>
        ((IJavaScriptExecutor)browser).ExecuteScript($"document.getElementById('{id}').scrollIntoView()");

    private static void UseKey(IWebDriver browser, string key)
    {
        SetValue(browser, "api-key", key);
        browser.FindElement(By.CssSelector("#key-form button")).Click();
    }

    private static ChromeDriver StartChromium(int width, int height)
    {
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", $"--window-size={width},{height}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>The browser's console entries at SEVERE since the last call (reading them drains them).</summary>
    private static List<LogEntry> Severe(IWebDriver browser) => browser.Manage().Logs.GetLog(LogType.Browser).Where(entry => entry.Level == LogLevel.Severe).ToList();

    private static void SetValue(IWebDriver browser, string id, string value)
    {
        var input = browser.FindElement(By.Id(id));
        input.Clear();
        input.SendKeys(value);
    }

    private void Screenshot(IWebDriver browser, string name)
    {
        string path = Path.Combine(ScreenshotFolder, name);
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(path);
        output.WriteLine($"screenshot: {path}");
    }

    /// <summary>Polls <paramref name="probe"/> until it gives a value (missing or stale elements count as not yet), or fails saying what never came.</summary>
    private T Until<T>(IWebDriver browser, Func<T?> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                if (probe() is { } value)
                    return value;
            }
            catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException) { }
            if (DateTime.UtcNow > deadline)
            {
                Screenshot(browser, "failed-" + string.Concat(what.Where(char.IsLetterOrDigit)) + ".png");
                throw new TimeoutException($"The console never showed {what}; message: {browser.FindElement(By.Id("message")).Text}");
            }
            Thread.Sleep(100);
        }
    }

    private bool? Until(IWebDriver browser, Func<bool?> probe, string what, TimeSpan? timeout = null) =>
        Until<object>(browser, () => probe(), what, timeout) is true;
}

/// <summary>
/// The browser test runs alone, after the parallel tests: headless Chromium and the face models take both cores for
/// seconds, and beside it a load test that counts searches in a fixed window once ran only 6 instead of over 100.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "browser";
}
