using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>The shape of the whole `arcvdb` command tree.</summary>
public class CommandTreeTests
{
    [Fact]
    public void No_command_has_two_options_answering_to_the_same_name()
    {
        var clashes = new List<string>();
        Visit(ArcvdbCommand.Create(), "arcvdb", clashes);

        Assert.Empty(clashes);
    }

    [Fact]
    public void Every_command_and_option_has_a_description()
    {
        var missing = new List<string>();
        void Walk(Command command, string path)
        {
            if (string.IsNullOrWhiteSpace(command.Description))
                missing.Add(path);
            missing.AddRange(command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description) && o.Name is not ("--help" or "--version")).Select(o => $"{path} {o.Name}"));
            foreach (var sub in command.Subcommands)
                Walk(sub, $"{path} {sub.Name}");
        }

        Walk(ArcvdbCommand.Create(), "arcvdb");

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_option_called_k_answers_to_both_k_and_dash_dash_k()
    {
        var commands = new List<string>();
        void Walk(Command command, string path)
        {
            foreach (var option in command.Options.Where(o => o.Name is "--k" or "-k" || o.Aliases.Contains("-k") || o.Aliases.Contains("--k")))
            {
                commands.Add(path);
                Assert.Equal(["--k", "-k"], option.Aliases.Prepend(option.Name).Order(StringComparer.Ordinal));
            }
            foreach (var sub in command.Subcommands)
                Walk(sub, $"{path} {sub.Name}");
        }

        Walk(ArcvdbCommand.Create(), "arcvdb");

        Assert.Equal(["arcvdb bench ann", "arcvdb bench cluster", "arcvdb bench grpc", "arcvdb bench shard-recall", "arcvdb eval ann", "arcvdb search"], commands.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_wrong_value_prints_the_error_and_one_line_pointing_to_help_not_the_help_page()
    {
        var run = CliRun.Invoke("eval", "ann", "--db", "x", "--collection", "c", "--k", "many");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("many", run.Error);
        Assert.Contains("See 'arcvdb eval ann --help' for the options.", run.Error);
        Assert.DoesNotContain("Usage:", run.Error + run.Output);
    }

    [Fact]
    public void A_default_is_shown_once_in_help()
    {
        var help = CliRun.Invoke("eval", "retrieval", "--help").Output;

        Assert.Contains("--topk", help);
        Assert.DoesNotContain(help.Split('\n'), line => line.Contains("(default", StringComparison.Ordinal) && line.Contains("[default:", StringComparison.Ordinal));
    }

    [Fact]
    public void Serve_help_offers_the_json_api_port_beside_the_grpc_and_metrics_ones()
    {
        var help = CliRun.Invoke("serve", "--help").Output;

        Assert.Contains("--http-listen", help);
        Assert.Contains("/openapi.json", help);
        Assert.Contains("--metrics-listen", help);
    }

    private static void Visit(Command command, string path, List<string> clashes)
    {
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
        clashes.AddRange(names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"{path}: {g.Key}"));
        foreach (var sub in command.Subcommands)
            Visit(sub, $"{path} {sub.Name}", clashes);
    }
}
