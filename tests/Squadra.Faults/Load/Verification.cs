using System.Globalization;
using Squadra.Faults.Infrastructure;

namespace Squadra.Faults.Load;

/// <summary>What the checks after a run found: nothing, when the system kept its promises.</summary>
public sealed record VerificationResult(int Acknowledged, int Lost, int Duplicated, IReadOnlyList<string> Problems);

/// <summary>
/// The checks after a run, against what the primary has committed (read directly, not through the API):
/// every acknowledged write exactly once, with the id and seq it was acknowledged with; nothing written
/// twice, acknowledged or not; each team's and DM's seq gapless from 1; every subscriber holding exactly its
/// teams' and its DM's committed messages; no API request through the gateway answered with a 5xx other than 503.
/// </summary>
public static class Verification
{
    public static VerificationResult Check(Workload workload, IReadOnlyList<StoredMessage> messages, IReadOnlyList<StoredEvent> events)
    {
        var problems = new List<string>();
        var writes = workload.Writes;
        foreach (var refused in writes.Where(w => w.Refusal is not null))
        {
            problems.Add($"write '{refused.Text}' was never acknowledged: {refused.Refusal}");
        }

        var messagesByText = messages.ToLookup(m => m.Body);
        var eventsByText = events.ToLookup(e => e.Title);
        int lost = 0, duplicated = 0;
        foreach (var write in writes.Where(w => w.Acknowledged is not null))
        {
            var stored = write.Kind == WriteKind.Message
                ? messagesByText[write.Text].Select(m => (m.Id, (long?)m.Seq)).ToList()
                : eventsByText[write.Text].Select(e => (e.Id, (long?)null)).ToList();
            if (stored.Count == 0)
            {
                lost++;
                problems.Add($"LOST: acknowledged {write.Kind} '{write.Text}' (id {write.Id}, seq {write.Seq}) is not in the database");
            }
            else if (stored[0] != (write.Id, write.Seq))
            {
                problems.Add($"acknowledged {write.Kind} '{write.Text}' as (id {write.Id}, seq {write.Seq}) but the database has {stored[0]}");
            }
        }
        foreach (var group in messages.GroupBy(m => m.Body).Where(g => g.Count() > 1))
        {
            duplicated += group.Count() - 1;
            problems.Add($"DUPLICATED: message '{group.Key}' is stored {group.Count()} times (seqs {string.Join(", ", group.Select(m => m.Seq))})");
        }
        foreach (var group in events.GroupBy(e => e.Title).Where(g => g.Count() > 1))
        {
            duplicated += group.Count() - 1;
            problems.Add($"DUPLICATED: event '{group.Key}' is stored {group.Count()} times");
        }
        foreach (var team in messages.GroupBy(m => m.TeamId))
        {
            var seqs = team.Select(m => m.Seq).ToList();
            if (!seqs.SequenceEqual(Enumerable.Range(1, seqs.Count).Select(i => (long)i)))
            {
                problems.Add($"team {team.Key}: seqs are not 1..{seqs.Count} without gaps (max {seqs.Max()})");
            }
        }
        problems.AddRange(SubscriberProblems(workload, messages));
        // 503 (with Retry-After) is how the API says "not now"; any other 5xx from it is a bug. (The single
        // frontend node's page has no second replica: its failures are counted, not judged, here.)
        foreach (var group in workload.Log.Failures
                     .Where(f => f.Kind != RequestKind.Page && f.What.Length == 3 && f.What[0] == '5' && f.What != "503")
                     .GroupBy(f => (f.Kind, f.What)))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{group.Count()} {group.Key.Kind.ToString().ToLowerInvariant()} requests answered {group.Key.What} (first at {group.Min(f => f.At).TotalSeconds:0.0} s of the run): only 503 may say the system is unavailable"));
        }
        return new VerificationResult(writes.Count(w => w.Acknowledged is not null), lost, duplicated, problems);
    }

    /// <summary>Differences between what each subscriber holds and what its teams have committed (empty when caught up).</summary>
    public static IReadOnlyList<string> SubscriberProblems(Workload workload, IReadOnlyList<StoredMessage> messages)
    {
        var problems = new List<string>();
        var byTeam = messages.ToLookup(m => m.TeamId);
        foreach (var subscriber in workload.Subscribers)
        {
            problems.AddRange(subscriber.Anomalies.Select(a => $"subscriber {subscriber.Index}: {a}"));
            foreach (var team in subscriber.ChatIds)
            {
                var expected = byTeam[team].Select(m => (m.Seq, m.Id, m.Body)).ToList();
                var held = subscriber.Held(team).Select(h => (h.Message.Seq, h.Message.Id, h.Message.Body)).ToList();
                if (!held.SequenceEqual(expected))
                {
                    var missing = expected.Except(held).ToList();
                    var extra = held.Except(expected).ToList();
                    problems.Add(string.Create(CultureInfo.InvariantCulture,
                        $"subscriber {subscriber.Index}, team {team}: holds {held.Count} messages, {expected.Count} committed ({missing.Count} missing, {extra.Count} not committed)" +
                        $"; missing e.g. {string.Join(", ", missing.Take(3))}; held but not committed e.g. {string.Join(", ", extra.Take(3))}"));
                }
            }
        }
        return problems;
    }

    /// <summary>
    /// The longest a subscriber waited for a message: from the writer's acknowledgement to the moment
    /// the subscriber held it (pushed or caught up), over every subscriber and message.
    /// </summary>
    public static TimeSpan LongestDeliveryLag(Workload workload) => LongestDeliveryLag(workload, _ => true);

    /// <summary><see cref="LongestDeliveryLag(Workload)"/> over the subscribers <paramref name="counted"/> picks.</summary>
    public static TimeSpan LongestDeliveryLag(Workload workload, Func<Subscriber, bool> counted)
    {
        var acknowledged = workload.Writes.Where(w => w is { Kind: WriteKind.Message, Id: not null, Acknowledged: not null })
            .ToDictionary(w => w.Id!, w => w.Acknowledged!.Value);
        var longest = TimeSpan.Zero;
        foreach (var subscriber in workload.Subscribers.Where(counted))
        {
            foreach (var team in subscriber.ChatIds)
            {
                foreach (var held in subscriber.Held(team))
                {
                    if (acknowledged.TryGetValue(held.Message.Id, out var at) && held.ReceivedAt - at > longest)
                    {
                        longest = held.ReceivedAt - at;
                    }
                }
            }
        }
        return longest;
    }

    /// <summary>
    /// How long after <paramref name="fault"/> writes were accepted again: the end of the longest stretch
    /// without any acknowledged write that begins within <see cref="OutageStartWindow"/> of the fault (a
    /// stretch under way at the fault counts from the fault). Stretches shorter than <see cref="Noise"/>
    /// happen without any fault on this machine (four writers, a full stack and builds on two cores):
    /// when there is no longer one, writes never stopped and this is zero.
    /// </summary>
    public static (TimeSpan BackAfter, TimeSpan LongestPause) WritesBack(Workload workload, TimeSpan fault)
    {
        var acks = workload.Writes.Select(w => w.Acknowledged).OfType<TimeSpan>().Where(t => t >= fault).Order().ToList();
        var previous = fault;
        var longest = TimeSpan.Zero;
        var end = fault;
        foreach (var ack in acks)
        {
            if (previous - fault <= OutageStartWindow && ack - previous > longest)
            {
                longest = ack - previous;
                end = ack;
            }
            previous = ack;
        }
        return (longest < Noise ? TimeSpan.Zero : end - fault, longest);
    }

    /// <summary>A pause in acknowledgements that begins later than this after the fault is not the fault's doing.</summary>
    public static readonly TimeSpan OutageStartWindow = TimeSpan.FromSeconds(5);

    /// <summary>Pauses this short are seen without any fault.</summary>
    public static readonly TimeSpan Noise = TimeSpan.FromSeconds(1);
}
