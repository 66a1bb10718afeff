using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Embedding.Tests.Ingest;

/// <summary>Folder trees, CSV manifests and In-shop partition files become gallery items with stable ids; unreadable rows carry their problem.</summary>
public class GallerySourceTests
{
    [Fact]
    public void Ids_hash_the_relative_path_and_do_not_depend_on_the_separator_or_a_leading_dot()
    {
        Assert.Equal(StableIds.ForKey("cat/001.jpg"), StableIds.ForKey("cat\\001.jpg"));
        Assert.Equal(StableIds.ForKey("cat/001.jpg"), StableIds.ForKey("./cat/001.jpg"));
        Assert.NotEqual(StableIds.ForKey("cat/001.jpg"), StableIds.ForKey("cat/002.jpg"));
    }

    [Fact]
    public void A_folder_gallery_takes_files_under_label_folders_in_order_and_ignores_root_and_hidden_files()
    {
        using var dir = new TempDirectory();
        foreach (string file in new[] { "b/2.png", "b/1.png", "a/x/deep.jpg", "a/.hidden.jpg", ".git/config", "NOTICE.md" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dir.File(file))!);
            File.WriteAllText(dir.File(file), "");
        }

        var items = FolderGallery.Read(dir.Path);

        Assert.Equal(["a/x/deep.jpg", "b/1.png", "b/2.png"], items.Select(i => i.Key));
        Assert.Equal(["a", "b", "b"], items.Select(i => i.Label));
        Assert.Equal(StableIds.ForKey("b/1.png"), items[1].Id);
        Assert.Throws<InvalidDataException>(() => FolderGallery.Read(dir.File("a/x")));
        Assert.Throws<DirectoryNotFoundException>(() => FolderGallery.Read(dir.File("missing")));
    }

    [Fact]
    public void A_csv_manifest_reads_ids_landmarks_quotes_and_a_header_and_turns_bad_rows_into_problems()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("m.csv"),
        [
            "path,label,id",
            "faces/a.jpg,alice",
            "\"faces/with, comma.jpg\",bob,42",
            "faces/c.jpg,carol,7,38.3,51.7,73.5,51.5,56.0,71.7,41.5,92.4,70.7,92.2",
            "faces/d.jpg,dave,1,2,3,4,5,6,7,8,9,10",
            "",
            "faces/e.jpg,eve,minus-one",
            "faces/f.jpg,frank,9,1,2,3,4,5,6,7,8,9,NaN",
            "faces/g.jpg",
        ]);

        var items = CsvManifest.Read(dir.File("m.csv"));

        Assert.Equal(7, items.Count);
        Assert.Equal((dir.File("faces/a.jpg"), "alice", StableIds.ForKey("faces/a.jpg"), (string?)null), (items[0].Path, items[0].Label, items[0].Id, items[0].Problem));
        Assert.Equal(("faces/with, comma.jpg", 42ul), (items[1].Key, items[1].Id));
        Assert.Equal(7ul, items[2].Id);
        Assert.Equal(new System.Numerics.Vector2(70.7f, 92.2f), items[2].Landmarks![4]);
        Assert.Equal(StableIds.ForKey("faces/d.jpg"), items[3].Id);
        Assert.Equal(new System.Numerics.Vector2(1, 2), items[3].Landmarks![0]);
        Assert.Contains("line 7: id 'minus-one' is not an unsigned 64-bit integer", items[4].Problem);
        Assert.Contains("line 8: landmark 5", items[5].Problem);
        Assert.Contains("line 9: 1 fields", items[6].Problem);
    }

    [Fact]
    public void An_inshop_partition_gives_one_split_with_item_ids_as_labels_and_images_under_img()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("Eval"));
        File.WriteAllLines(dir.File("Eval/list_eval_partition.txt"),
        [
            "4",
            "image_name item_id evaluation_status",
            "img/WOMEN/Dresses/id_00000002/02_1_front.jpg   id_00000002 train",
            "img/WOMEN/Dresses/id_00000002/02_2_side.jpg    id_00000002 query",
            "img/MEN/Shirts/id_00000009/01_1_front.jpg      id_00000009 gallery",
            "img/MEN/Shirts/id_00000009/01_2_side.jpg       id_00000009 gallery",
        ]);

        var gallery = InshopPartition.Read(dir.File("Eval/list_eval_partition.txt"), "gallery");
        var query = InshopPartition.Read(dir.File("Eval/list_eval_partition.txt"), "query");

        Assert.Equal(["id_00000009", "id_00000009"], gallery.Select(i => i.Label));
        Assert.Equal(dir.File("Img/img/MEN/Shirts/id_00000009/01_1_front.jpg"), gallery[0].Path);
        Assert.Single(query);
        Assert.Throws<ArgumentException>(() => InshopPartition.Read(dir.File("Eval/list_eval_partition.txt"), "test"));
        File.WriteAllLines(dir.File("Eval/list_eval_partition.txt"), ["5", "image_name item_id evaluation_status", "img/a.jpg id_1 gallery"]);
        Assert.Contains("declares 5 images but lists 1", Assert.Throws<InvalidDataException>(() => InshopPartition.Read(dir.File("Eval/list_eval_partition.txt"), "gallery")).Message);
    }
}
