//! The `knowmap` command: the window by default, headless subcommands for
//! scripts. Only parses the command line and starts things.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use knowmap::corpus::{self, Corpus, ReadSettings};
use knowmap::graph::{Model, ModelSettings};

/// A knowledge-map viewer: who is involved in a folder of news articles, and
/// in what, with the paragraphs that prove every link.
#[derive(Parser, Debug)]
#[command(name = "knowmap", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folder of articles to open (default: the last one opened, else the bundled sample).
    folder: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read a folder, extract actors and topics, and write the graph without a window.
    Build(BuildArgs),
    /// Lay out any graph from a CSV edge list with ForceAtlas2 (Barnes–Hut).
    Layout(LayoutArgs),
}

#[derive(Args, Debug)]
struct LayoutArgs {
    /// Edge list: `source,target[,weight]` per line, header optional.
    edges: PathBuf,
    /// Iterations to run.
    #[arg(long, default_value_t = 500)]
    iterations: usize,
    /// Seed of the initial placement.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Write `id,x,y` rows here (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// Folder of articles (text, Markdown, HTML, PDF, DOCX, ODT, RTF, e-mail and mbox, RSS/Atom, CSV/TSV/JSON tables, zip archives of these); default: the bundled sample.
    folder: Option<PathBuf>,
    /// Write the graph document (schema knowmap.graph/1) to PATH, or to standard output with `-`.
    #[arg(long, value_name = "PATH|-")]
    json: Option<String>,
    /// Write GEXF 1.3 (Gephi) to PATH.
    #[arg(long, value_name = "PATH")]
    gexf: Option<PathBuf>,
    /// Write GraphML (Gephi, yEd, networkx) to PATH.
    #[arg(long, value_name = "PATH")]
    graphml: Option<PathBuf>,
    /// Write nodes.csv and edges.csv into DIR.
    #[arg(long, value_name = "DIR")]
    csv: Option<PathBuf>,
    /// Run N ForceAtlas2 iterations and include positions in the outputs.
    #[arg(long, value_name = "N")]
    layout: Option<usize>,
    /// Seed of the layout's initial placement.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write a picture of the whole map as SVG to PATH.
    #[arg(long, value_name = "PATH")]
    svg: Option<PathBuf>,
    /// Write a picture of the whole map as PNG to PATH.
    #[arg(long, value_name = "PATH")]
    png: Option<PathBuf>,
    /// Pixels per point of the PNG picture (1600×1000 points).
    #[arg(long, default_value_t = 2.0)]
    scale: f32,
    /// Ignore the folder's saved layout file (its corrections and places).
    #[arg(long)]
    no_saved_layout: bool,
    /// Keep only articles dated on or after this day (2019-01-04, or any form the reader knows; undated articles are left out).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<knowmap::corpus::Date>,
    /// Keep only articles dated on or before this day.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Option<knowmap::corpus::Date>,
    #[command(flatten)]
    read: ReadArgs,
}

/// A command-line date.
fn parse_date(text: &str) -> Result<knowmap::corpus::Date, String> {
    knowmap::corpus::Date::parse(text)
        .ok_or_else(|| format!("not a date: {text:?} (write it as 2019-01-04)"))
}

#[derive(Args, Debug)]
struct ReadArgs {
    /// Skip files larger than this (bytes, or with a unit: 512K, 20M, 1G).
    #[arg(long, value_name = "SIZE", default_value = "20M", value_parser = parse_size)]
    max_file_size: u64,
    /// Follow symbolic links that stay inside the folder.
    #[arg(long)]
    follow_links: bool,
}

impl ReadArgs {
    fn settings(&self) -> ReadSettings {
        ReadSettings {
            max_file_size: self.max_file_size,
            follow_links: self.follow_links,
            ..ReadSettings::default()
        }
    }
}

fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let value: u64 = digits
        .parse()
        .map_err(|_| format!("'{text}' is not a size such as 20M"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => return Err(format!("unknown size unit '{other}' (use K, M or G)")),
    };
    value
        .checked_mul(factor)
        .ok_or_else(|| format!("'{text}' is too large"))
}

/// mimalloc keeps freed memory for reuse: egui's tessellator rebuilds
/// megabytes of vertices every frame, which glibc's allocator returned to
/// the system and faulted back in each time (60% of a 10,000-node frame);
/// extraction's many short strings are also faster (-10% `knowmap build`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// File dialogs may start a helper program (rfd runs `zenity` when no
/// desktop portal answers) found through `PATH`. An empty or relative entry
/// there finds programs in the working directory, which may be a corpus
/// someone else made: only absolute entries are kept.
#[allow(unsafe_code)]
fn keep_only_absolute_path_entries() {
    let Some(kept) = std::env::var_os("PATH").and_then(|p| absolute_path_entries(&p)) else {
        return;
    };
    // SAFETY: called first in `main`, before any thread exists, so nothing
    // reads the environment while it changes.
    unsafe { std::env::set_var("PATH", kept) };
}

/// `PATH` without its empty and relative entries; `None` when it has none.
fn absolute_path_entries(path: &std::ffi::OsStr) -> Option<std::ffi::OsString> {
    let entries: Vec<PathBuf> = std::env::split_paths(path).collect();
    if entries.iter().all(|p| p.is_absolute()) {
        return None;
    }
    std::env::join_paths(entries.into_iter().filter(|p| p.is_absolute())).ok()
}

/// A panic inside the PDF parser is caught by the reader and becomes that
/// file's warning ("the PDF parser failed on this file"); its message would
/// only be noise on the terminal. Every other panic is reported as before.
fn quiet_isolated_parser_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let isolated = info
            .location()
            .is_some_and(|l| knowmap::corpus::formats::pdf::is_isolated_parser_panic(l.file()));
        if !isolated {
            default(info);
        }
    }));
}

fn main() -> ExitCode {
    keep_only_absolute_path_entries();
    // pdf_extract reports every glyph it cannot map (thousands per file, not
    // something a reader can act on); a file it cannot read at all comes
    // back as an error and is reported as the reader's warning.
    env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("warn,pdf_extract=error"),
    )
    .format_timestamp_millis()
    .init();
    quiet_isolated_parser_panics();
    let cli = Cli::parse();
    let result = match cli.command {
        None => {
            knowmap::ui::run(cli.folder).map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
        }
        Some(Command::Build(args)) => build(&args),
        Some(Command::Layout(args)) => layout(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("knowmap: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn read_corpus(folder: Option<&PathBuf>, read: &ReadArgs) -> anyhow::Result<Corpus> {
    let corpus = match folder {
        Some(folder) => corpus::read_folder(folder, &read.settings())?,
        None => Corpus::sample(),
    };
    for warning in &corpus.warnings {
        eprintln!("knowmap: warning: {}: {}", warning.path, warning.message);
    }
    Ok(corpus)
}

fn build(args: &BuildArgs) -> anyhow::Result<()> {
    let clock = std::time::Instant::now();
    let mut corpus = read_corpus(args.folder.as_ref(), &args.read)?;
    log::info!("read: {:?}", clock.elapsed());
    check_outputs(args, &corpus)?;
    if args.from.is_some() || args.to.is_some() {
        // The folder's date corrections count (they apply again, harmlessly,
        // with the rest of the saved layout below).
        if let Some(root) = corpus.root.clone().filter(|_| !args.no_saved_layout)
            && let Ok(file) =
                knowmap::io::layout_file::load(&knowmap::io::layout_file::default_path(&root))
        {
            corpus.correct_dates(&file.dates);
        }
        let left_out = corpus.keep_dated_between(args.from, args.to);
        eprintln!(
            "knowmap: {} articles in the date range, {left_out} left out (outside it or undated)",
            corpus.articles.len()
        );
        if corpus.articles.is_empty() {
            anyhow::bail!("no article is dated within the range");
        }
    }
    let mut model = Model::build(corpus, &ModelSettings::default());
    log::info!("model built: {:?} after start", clock.elapsed());
    // The corpus's own warnings were printed as it was read.
    for warning in model.warnings().skip(model.corpus.warnings.len()) {
        eprintln!("knowmap: warning: {}: {}", warning.path, warning.message);
    }
    // The folder's saved layout: its corrections apply, its places are kept.
    let mut saved = None;
    if let Some(root) = model.corpus.root.clone().filter(|_| !args.no_saved_layout) {
        let path = knowmap::io::layout_file::default_path(&root);
        // A link or device there is reported by `load`, not skipped.
        if std::fs::symlink_metadata(&path).is_ok() {
            match knowmap::io::layout_file::load(&path) {
                Ok(file) => {
                    let (curated, report) =
                        model.curated(&file.curation, &ModelSettings::default());
                    for skipped in report.skipped {
                        eprintln!(
                            "knowmap: warning: {}: correction no longer applies: {skipped}",
                            path.display()
                        );
                    }
                    model = curated;
                    std::sync::Arc::make_mut(&mut model.corpus).correct_dates(&file.dates);
                    saved = file
                        .current_view()
                        .map(|view| knowmap::io::layout_file::saved_positions(&model, view));
                }
                Err(error) => eprintln!("knowmap: warning: {error}"),
            }
        }
    }
    let pictures = args.svg.is_some() || args.png.is_some();
    let missing = saved
        .as_ref()
        .is_some_and(|s| model.graph.node_ids().any(|i| s[i.index()].is_none()));
    let positions: Option<Vec<[f32; 2]>> = match (args.layout, &saved) {
        (None, Some(places)) if !missing => {
            Some(places.iter().map(|p| p.unwrap_or_default()).collect())
        }
        (None, None) if !pictures => None,
        (iterations, places) => {
            let graph = knowmap::layout::LayoutGraph::from_knowledge(&model.graph);
            let known = places.clone().unwrap_or_default();
            let settings = knowmap::layout::Fa2Settings::for_maps(graph.node_count);
            let mut fa2 =
                knowmap::layout::ForceAtlas2::with_positions(&graph, settings, &known, args.seed);
            // Saved places stay; only new nodes find theirs.
            for (i, p) in known.iter().enumerate() {
                if p.is_some() {
                    fa2.set_pinned(i, true);
                }
            }
            fa2.run(iterations.unwrap_or(if places.is_some() { 200 } else { 800 }));
            Some(fa2.positions().to_vec())
        }
    };
    let positions = positions.as_deref();
    if let Some(places) = positions {
        let dark = false;
        if let Some(path) = &args.svg {
            let picture =
                knowmap::io::raster::whole_map_picture(&model, places, [1600.0, 1000.0], dark);
            knowmap::io::write_atomic(path, picture.to_svg().as_bytes())
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        }
        if let Some(path) = &args.png {
            let picture =
                knowmap::io::raster::whole_map_picture(&model, places, [1600.0, 1000.0], dark);
            let (w, h, rgba) = knowmap::io::raster::render_rgba(&picture, args.scale);
            let png = knowmap::io::picture::encode_png(w, h, &rgba)?;
            knowmap::io::write_atomic(path, &png)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        }
    }
    let write = |path: &PathBuf, text: &str| {
        knowmap::io::write_atomic(path, text.as_bytes())
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
    };
    if let Some(path) = &args.gexf {
        write(path, &knowmap::io::export::gexf(&model, positions))?;
    }
    if let Some(path) = &args.graphml {
        write(path, &knowmap::io::export::graphml(&model, positions))?;
    }
    if let Some(dir) = &args.csv {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        let (nodes, edges) = knowmap::io::export::csv(&model, positions);
        write(&dir.join("nodes.csv"), &nodes)?;
        write(&dir.join("edges.csv"), &edges)?;
    }
    if let Some(target) = &args.json {
        // Streamed: the document of a large corpus is never held as text.
        if target == "-" {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            knowmap::io::json::write_json(&model, positions, &mut out)
                .and_then(|()| out.flush())
                .map_err(|e| {
                    anyhow::anyhow!("cannot write the document to standard output: {e}")
                })?;
        } else {
            let path = PathBuf::from(target);
            knowmap::io::write_atomic_with(&path, |w| {
                knowmap::io::json::write_json(&model, positions, w)
            })
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        }
    }
    eprintln!(
        "knowmap: {} articles, {} paragraphs, {} nodes, {} edges, {} warnings",
        model.corpus.articles.len(),
        model.corpus.paragraph_count(),
        model.graph.node_count(),
        model.graph.edge_count(),
        model.warnings().count()
    );
    Ok(())
}

/// Refuses, before any work, output paths that would replace a device, a
/// FIFO, a link or a folder, or overwrite one of the corpus's articles.
fn check_outputs(args: &BuildArgs, corpus: &Corpus) -> anyhow::Result<()> {
    let mut paths: Vec<PathBuf> = [&args.svg, &args.png, &args.gexf, &args.graphml]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if let Some(dir) = &args.csv {
        paths.push(dir.join("nodes.csv"));
        paths.push(dir.join("edges.csv"));
    }
    if let Some(target) = args.json.as_ref().filter(|t| *t != "-") {
        paths.push(PathBuf::from(target));
    }
    for path in paths {
        knowmap::io::check_output(&path, corpus)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn layout(args: &LayoutArgs) -> anyhow::Result<()> {
    let (names, graph) = knowmap::io::edges::read_edge_list(&args.edges)?;
    let threads = args.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let (positions, elapsed) = pool.install(|| {
        let mut fa2 = knowmap::layout::ForceAtlas2::new(
            &graph,
            knowmap::layout::Fa2Settings::default(),
            args.seed,
        );
        let start = std::time::Instant::now();
        fa2.run(args.iterations);
        (fa2.positions().to_vec(), start.elapsed())
    });
    let per_iteration = elapsed.as_secs_f64() * 1000.0 / args.iterations.max(1) as f64;
    eprintln!(
        "knowmap: {} nodes, {} edges, {} iterations, {per_iteration:.3} ms per iteration",
        graph.node_count,
        graph.edges.len(),
        args.iterations
    );
    let mut out = String::from("id,x,y\n");
    for (name, [x, y]) in names.iter().zip(&positions) {
        out.push_str(&format!(
            "{},{x},{y}\n",
            knowmap::io::export::csv_field(name)
        ));
    }
    match &args.out {
        Some(path) => knowmap::io::write_atomic(path, out.as_bytes())
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
        None => std::io::stdout().lock().write_all(out.as_bytes())?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("20M"), Ok(20 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5X").is_err());
    }

    #[test]
    fn only_absolute_path_entries_are_kept() {
        let kept = absolute_path_entries(std::ffi::OsStr::new("/usr/bin::bin:.:/bin")).unwrap();
        assert_eq!(kept, "/usr/bin:/bin");
        assert_eq!(
            absolute_path_entries(std::ffi::OsStr::new("/usr/bin:/bin")),
            None
        );
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory as _;
        Cli::command().debug_assert();
    }
}
