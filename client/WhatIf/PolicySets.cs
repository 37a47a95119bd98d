using System.Security.Cryptography;
using System.Text;
using Ledger.Client.Cli;
using Ledger.Policy.Loading;

namespace Ledger.Client.WhatIf;

/// <summary>
/// One policy file of a set: its name (the loader names it in its messages), a digest of its bytes, and
/// for a single changed file the baseline file it takes the place of.
/// </summary>
public sealed record PolicyFile(string Name, string Text, string? Replaces = null)
{
    public string Digest { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)))[..16];

    /// <summary>The baseline file this one stands for.</summary>
    public string Slot => Replaces ?? Name;
}

/// <summary>A policy file that differs between the sets: its baseline and changed digests (null where absent).</summary>
public sealed record PolicyDifference(string Label, string? Before, string? After);

/// <summary>A validated catalogue and the files it was loaded from.</summary>
public sealed record PolicySet(string Source, PolicyCatalogue Catalogue, IReadOnlyList<PolicyFile> Files);

/// <summary>
/// The baseline and the changed policies, each validated exactly as the silo does at start-up
/// (<see cref="PolicyLoader"/>): a bad file stops the what-if with the loader's message, which names the
/// file and the key, before anything is read or replayed.
/// </summary>
public static class PolicySets
{
    public static (PolicySet Baseline, PolicySet Changed) Load(string baselineFolder, string changed)
    {
        var baselineFiles = Folder(baselineFolder, "--baseline");
        var baseline = new PolicySet(baselineFolder, Validated(baselineFiles, "--baseline"), baselineFiles);
        var changedFiles = Directory.Exists(changed) ? Folder(changed, "--changed")
            : File.Exists(changed) ? WithReplacement(baseline, new PolicyFile(Path.GetFileName(changed), File.ReadAllText(changed)))
            : throw new UsageException($"--changed: '{changed}' is neither a policy folder nor a policy file");
        return (baseline, new PolicySet(changed, Validated(changedFiles, "--changed"), changedFiles));
    }

    /// <summary>The files that differ between the sets (added, removed or edited), by the baseline file they stand for.</summary>
    public static IReadOnlyList<PolicyDifference> Differences(PolicySet baseline, PolicySet changed)
    {
        var before = baseline.Files.ToDictionary(file => file.Slot, StringComparer.Ordinal);
        var after = changed.Files.ToDictionary(file => file.Slot, StringComparer.Ordinal);
        return before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(slot => (Slot: slot, Before: before.GetValueOrDefault(slot), After: after.GetValueOrDefault(slot)))
            .Where(file => file.Before?.Digest != file.After?.Digest)
            .Select(file => new PolicyDifference(file.After?.Replaces is { } replaced ? $"{replaced} (replaced by {file.After.Name})" : file.Slot,
                file.Before?.Digest, file.After?.Digest))
            .ToList();
    }

    private static List<PolicyFile> Folder(string folder, string option)
    {
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"{option}: the policy folder '{folder}' does not exist");
        }
        // The loader reads a folder this way: every *.yaml directly in it, in ordinal order.
        return Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => new PolicyFile(Path.GetFileName(path), File.ReadAllText(path))).ToList();
    }

    /// <summary>
    /// One changed file takes the place of the baseline file of the same name, or else of the baseline
    /// policy with the same id (a copy saved under a new name); otherwise it is added.
    /// </summary>
    private static List<PolicyFile> WithReplacement(PolicySet baseline, PolicyFile changed)
    {
        var replaced = baseline.Files.FirstOrDefault(file => file.Name == changed.Name)?.Name ?? IdTwin(baseline, changed);
        return [.. baseline.Files.Where(file => file.Name != replaced).Append(changed with { Replaces = replaced })
            .OrderBy(file => file.Name, StringComparer.Ordinal)];
    }

    private static string? IdTwin(PolicySet baseline, PolicyFile changed)
    {
        try
        {
            var id = PolicyLoader.Load([(changed.Name, changed.Text)]).Policies[0].Id;
            return baseline.Catalogue.Policies.FirstOrDefault(policy => policy.Id == id)?.File;
        }
        catch (PolicyLoadException)
        {
            // Invalid on its own: the full load below reports it with the file and key.
            return null;
        }
    }

    private static PolicyCatalogue Validated(List<PolicyFile> files, string option)
    {
        try
        {
            return PolicyLoader.Load(files.Select(file => (file.Name, file.Text)));
        }
        catch (PolicyLoadException exception)
        {
            throw new UsageException($"{option}: {exception.Message}");
        }
    }
}
