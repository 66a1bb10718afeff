namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>Checks a freshly loaded graph so that no link, level or offset can send a search outside the index's memory.</summary>
internal sealed unsafe class SnapshotValidator(NodeStore store, UpperLinkArena arena, SnapshotHeader header, string source)
{
    /// <summary>Throws <see cref="SnapshotFormatException"/> at the first inconsistency.</summary>
    public void Validate()
    {
        int n = header.NodeCount;
        int m = header.Options.M;
        for (int node = 0; node < n; node++)
        {
            int level = store.Level(node);
            if (level > HnswIndex.MaxLevel)
                Fail($"node {node} has level {level}");
            if (store.State(node) is not (NodeState.Live or NodeState.Dead))
                Fail($"node {node} has state {(byte)store.State(node)}");
            CheckList(node, 0, store.Links0(node), store.MaxLinks0);
            if (level == 0)
                continue;
            long offset = store.UpperOffset(node);
            if (offset < 0 || offset + (long)level * arena.ListInts > header.ArenaInts)
                Fail($"node {node} has upper links outside the arena");
            for (int l = 1; l <= level; l++)
                CheckList(node, l, arena.List((int)offset, l), m);
        }
        if (n > 0 && store.Level(header.EntryNode) != header.EntryLevel)
            Fail($"the entry node {header.EntryNode} is not at the top level {header.EntryLevel}");
    }

    private void CheckList(int node, int level, int* list, int max)
    {
        int count = list[0];
        if (count < 0 || count > max)
            Fail($"node {node} has {count} links at level {level} (at most {max})");
        for (int i = 1; i <= count; i++)
        {
            int target = list[i];
            if ((uint)target >= (uint)header.NodeCount || store.Level(target) < level)
                Fail($"node {node} links to {target} at level {level}");
        }
    }

    private void Fail(string what) => throw new SnapshotFormatException($"{source} is corrupt: {what}.");
}
