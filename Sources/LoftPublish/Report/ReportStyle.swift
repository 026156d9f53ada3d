/// The report's style sheet, inlined in the page (nothing is fetched), built from
/// `ReportPalette` so that the colours a test checks are the colours the page uses.
enum ReportStyle {
  static var css: String {
    let p = ReportPalette.self
    return """
      *, *::before, *::after { box-sizing: border-box; }
      html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
      body { margin: 0; font-family: system-ui, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; font-size: 1rem; line-height: 1.5; color: \(p.ink); background: \(p.paper); }
      header, nav.toc, main, footer { max-width: 76rem; margin: 0 auto; padding: 0 1.25rem; }
      .skip { position: absolute; left: 0.5rem; top: -5rem; z-index: 10; padding: 0.5rem 1rem; background: \(p.accent); color: \(p.paper); font-weight: 700; }
      .skip:focus { top: 0.5rem; }
      a { color: \(p.link); }
      :focus-visible { outline: 3px solid \(p.accent); outline-offset: 2px; }
      main:focus { outline: none; }
      .kicker { margin: 1.5rem 0 0; font-weight: 700; color: \(p.muted); }
      h1 { font-size: 2rem; line-height: 1.2; margin: 0.25rem 0 0.75rem; }
      h2 { font-size: 1.5rem; line-height: 1.25; margin: 3rem 0 1rem; padding-bottom: 0.3rem; border-bottom: 3px solid \(p.accent); }
      h3 { font-size: 1.2rem; line-height: 1.3; margin: 2rem 0 0.5rem; }
      p { max-width: 48rem; }
      .lead { font-size: 1.15rem; }
      .note { color: \(p.muted); font-size: 0.9rem; }
      nav.toc h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; border: 0; padding: 0; }
      nav.toc ol { margin: 0; padding: 0.75rem 1rem 0.75rem 2.25rem; background: \(p.panel); columns: 2 16rem; column-gap: 2rem; }
      nav.toc li { padding: 0.15rem 0; break-inside: avoid; }
      .key-figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); gap: 0.75rem; margin: 0; padding: 0; }
      .key-figures > div { background: \(p.panel); border-left: 5px solid \(p.accent); padding: 0.75rem 1rem; }
      .key-figures dt { font-weight: 700; }
      .key-figures dd { margin: 0; }
      .key-figures dd.value { font-size: 2rem; font-weight: 700; line-height: 1.2; margin: 0.2rem 0; }
      .key-figures dd.detail { color: \(p.muted); font-size: 0.9rem; }
      .pair { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; align-items: flex-start; }
      .pair > figure { flex: 0 1 auto; max-width: 100%; }
      .pair > .pair-table { flex: 1 1 28rem; min-width: 0; }
      figure { margin: 0.5rem 0 1rem; }
      figcaption { font-weight: 700; margin-bottom: 0.5rem; }
      .charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
      svg.chart { display: block; max-width: 100%; height: auto; }
      .chart-scroll { overflow-x: auto; max-width: 100%; }
      .chart-scroll svg.chart { max-width: none; }
      .legend { margin-top: 0.5rem; font-size: 0.9rem; }
      .legend-title { font-weight: 700; margin: 0 0 0.25rem; }
      .legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; max-width: 40rem; }
      .legend li { display: flex; align-items: center; gap: 0.4rem; }
      .swatch { display: inline-block; width: 1.1rem; height: 1.1rem; border: 1px solid \(p.border); text-align: center; line-height: 1rem; font-weight: 700; }
      .table-wrap { overflow-x: auto; max-width: 100%; margin: 0 0 0.75rem; }
      table { border-collapse: collapse; font-size: 0.95rem; font-variant-numeric: tabular-nums; }
      .table-title { font-weight: 700; margin: 1rem 0 0.4rem; }
      .pair-table > .table-title:first-child { margin-top: 0; }
      th, td { border: 1px solid \(p.border); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
      thead th { background: \(p.headerFill); vertical-align: bottom; }
      tbody th { font-weight: 600; }
      tbody tr:nth-child(even) { background: \(p.panel); }
      td.num { text-align: right; white-space: nowrap; }
      /* The row names stay in view while a wide table scrolls sideways on a phone. */
      thead th:first-child, tbody th:first-child { position: sticky; left: 0; z-index: 1; }
      tbody th:first-child { background: \(p.paper); }
      tbody tr:nth-child(even) th:first-child { background: \(p.panel); }
      tr.total th, tr.total td { font-weight: 700; }
      code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
      .vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
      dl.terms dt { font-weight: 700; margin-top: 0.5rem; }
      dl.terms dd { margin: 0 0 0 1.25rem; max-width: 48rem; }
      footer { margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid \(p.border); color: \(p.muted); }
      @media (max-width: 30rem) {
        header, nav.toc, main, footer { padding: 0 0.75rem; }
        h1 { font-size: 1.5rem; }
        h2 { font-size: 1.3rem; }
        .key-figures dd.value { font-size: 1.6rem; }
        th, td { padding: 0.25rem 0.4rem; }
      }
      @media print {
        .skip, nav.toc { display: none; }
        .table-wrap, .chart-scroll { overflow: visible; }
        section { break-inside: avoid-page; }
      }

      """
  }
}
