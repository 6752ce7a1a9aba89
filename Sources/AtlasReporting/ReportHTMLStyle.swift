import AtlasCartography
import AtlasCore

/// The report's stylesheet: readable on screen, A4 portrait in print. Colours of swatches,
/// ramps and bars are backgrounds, which browsers drop in print unless told to keep them.
enum ReportHTMLStyle {
    static let css = """
        @page { size: A4 portrait; margin: 15mm 14mm; }
        * { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1a1a1a;
               max-width: 182mm; margin: 0 auto; padding: 1em; }
        h1 { font-size: 20pt; margin: 0 0 0.2em; }
        h2 { font-size: 14pt; margin: 1.6em 0 0.5em; padding-bottom: 0.15em; border-bottom: 1.5px solid #444; break-after: avoid; }
        h3 { font-size: 11.5pt; margin: 1.2em 0 0.4em; break-after: avoid; }
        .subtitle { color: #555; margin-top: 0; }
        nav ol { columns: 2; padding-left: 1.4em; margin: 0.5em 0 1em; }
        nav a { color: #1f4e79; text-decoration: none; }
        table { border-collapse: collapse; margin: 0.4em 0 1em; font-size: 9pt; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        caption { caption-side: bottom; text-align: left; font-size: 8pt; color: #555; padding-top: 0.3em; }
        th, td { border: 1px solid #bbb; padding: 2px 6px; vertical-align: top; }
        thead th { background: #eceff3; text-align: left; }
        tbody th { text-align: left; font-weight: normal; background: #f6f7f9; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.diagonal { background: #e3efe0; font-weight: bold; }
        table.facts th { background: #f6f7f9; width: 16em; }
        table.matrix thead th { writing-mode: horizontal-tb; font-size: 8pt; }
        td.checksum code { font-size: 8pt; white-space: nowrap; }
        td.bar-cell { width: 8em; }
        .importance { display: inline-block; height: 0.8em; background: #4a7ab0; }
        figure.map { margin: 1em 0 1.6em; break-inside: avoid; }
        figure.map figcaption { margin-bottom: 0.4em; }
        figure.map .details { color: #666; font-size: 8.5pt; margin-left: 0.5em; }
        .map-body { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0.6em 1.2em; }
        .frame { max-width: 100%; flex: none; border: 1px solid #888; background: #fff; }
        .frame img { display: block; width: 100%; height: auto; }
        .legend { flex: 1 1 12em; font-size: 8.5pt; }
        .legend-title { font-weight: bold; margin-bottom: 0.2em; }
        ul.classes { list-style: none; padding: 0; margin: 0.2em 0; }
        ul.classes li { margin-bottom: 0.15em; }
        .swatch { display: inline-block; width: 1.1em; height: 0.9em; margin-right: 0.4em; vertical-align: -0.1em; border: 1px solid #555; }
        .swatch.empty { background: #fff; border-style: dashed; }
        .absent { color: #888; }
        .ramp { width: 100%; max-width: 300px; }
        .ramp .gradient { height: 12px; border: 1px solid #555; }
        .ramp .ticks { display: flex; justify-content: space-between; }
        .note, .missing { color: #666; font-size: 8.5pt; }
        .notice { border: 2px solid #b35900; background: #fff4e5; padding: 0.5em 0.8em; }
        .table-wrap { max-width: 100%; overflow-x: auto; }
        td, th { overflow-wrap: anywhere; }
        td.num { overflow-wrap: normal; }
        @media (max-width: 600px) {
          body { font-size: 10pt; padding: 0.6em; }
          h1 { font-size: 16pt; }
          nav ol { columns: 1; }
          table { font-size: 8pt; }
          th, td { padding: 2px 3px; }
          table.facts th { width: auto; }
          .legend { flex-basis: 100%; }
        }
        .missing { color: #a00; }
        ul { margin: 0.3em 0 1em; padding-left: 1.4em; }
        @media print {
          body { padding: 0; max-width: none; }
          nav { display: none; }
          section { break-before: auto; }
          a { color: inherit; }
        }
        """
}
