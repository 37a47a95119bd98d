using System.Globalization;
using System.Text;
using Ledger.Client.WhatIf.Replay;

namespace Ledger.Client.WhatIf.Report;

/// <summary>
/// The year's self-pay per person, before and after, as an inline SVG bar chart: a bar pair per bin on
/// a logarithmic count axis (most people pay little; the few near the monitoring lines must still
/// show). Each bar carries its exact count as a tooltip. No script, no external resource.
/// </summary>
public static class HistogramSvg
{
    private const int Width = 960;
    private const int Height = 380;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 40;
    private const int Bottom = 56;

    public static string Write(SelfPayHistogram histogram)
    {
        var bins = SelfPayHistogram.LowerBounds.Length;
        var max = Math.Max(1L, Math.Max(histogram.Before.Max(), histogram.After.Max()));
        var decades = Math.Max(1, (int)Math.Ceiling(Math.Log10(max + 1)));
        var plotHeight = Height - Top - Bottom;
        var slot = (double)(Width - Left - Right) / bins;
        double Y(long count) => Top + plotHeight - (Math.Log10(count + 1) / decades * plotHeight);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"self-pay-histogram\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"Year self-pay per person, persons per bin, before and after\">\n");
        svg.Append("<style>.before{fill:#7a8fa6}.after{fill:#e07b39}.axis{stroke:#333;stroke-width:1}.grid{stroke:#ddd;stroke-width:1}text{font:12px 'Noto Sans CJK SC','Noto Sans',sans-serif;fill:#222}</style>\n");
        for (var decade = 0; decade < decades; decade++)
        {
            var count = (long)Math.Pow(10, decade);
            var y = Y(count);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/><text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Figures.Count(count)}</text>\n");
        }
        for (var bin = 0; bin < bins; bin++)
        {
            var x = Left + (bin * slot);
            Bar(svg, "before", x + (slot * 0.12), slot * 0.36, Y(histogram.Before[bin]), Top + plotHeight, histogram.Before[bin], bin);
            Bar(svg, "after", x + (slot * 0.52), slot * 0.36, Y(histogram.After[bin]), Top + plotHeight, histogram.After[bin], bin);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (slot / 2):0.#}\" y=\"{Top + plotHeight + 18}\" text-anchor=\"middle\">{SelfPayHistogram.Label(bin)}</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotHeight}\" y2=\"{Top + plotHeight}\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + ((Width - Left - Right) / 2)}\" y=\"{Height - 12}\" text-anchor=\"middle\">year self-pay (psn_part_amt 个人负担), yuan</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"20\">persons (log scale)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"before\" x=\"{Width - 260}\" y=\"10\" width=\"14\" height=\"14\"/><text x=\"{Width - 240}\" y=\"22\">before (baseline)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"after\" x=\"{Width - 130}\" y=\"10\" width=\"14\" height=\"14\"/><text x=\"{Width - 110}\" y=\"22\">after (changed)</text>\n");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Bar(StringBuilder svg, string side, double x, double width, double top, double baseline, long count, int bin) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"{side}\" data-bin=\"{bin}\" data-count=\"{count}\" x=\"{x:0.#}\" y=\"{top:0.#}\" width=\"{width:0.#}\" height=\"{Math.Max(0, baseline - top):0.#}\"><title>{SelfPayHistogram.Label(bin)} yuan, {side}: {Figures.Count(count)} persons</title></rect>\n");
}
