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

    private static void Visit(Command command, string path, List<string> clashes)
    {
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
        clashes.AddRange(names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"{path}: {g.Key}"));
        foreach (var sub in command.Subcommands)
            Visit(sub, $"{path} {sub.Name}", clashes);
    }
}
