using System.Collections;

namespace ModelMeter.Reports.Json;

/// <summary>
/// A read-only list whose items are made from a source list when read (each read makes a fresh item): the JSON
/// document's per-node sections exist one at a time while it is written, not all at once.
/// </summary>
internal sealed class ProjectedList<TSource, TItem>(IReadOnlyList<TSource> source, Func<TSource, TItem> project) : IReadOnlyList<TItem>
{
    /// <inheritdoc/>
    public TItem this[int index] => project(source[index]);

    /// <inheritdoc/>
    public int Count => source.Count;

    /// <inheritdoc/>
    public IEnumerator<TItem> GetEnumerator()
    {
        for (int i = 0; i < source.Count; i++) yield return project(source[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
