//! Does the default map show a corpus's sections? Opens a folder whose
//! articles sit in one subfolder per section (`politics/…`, `sport/…`, as
//! real corpora sorted by desk are) exactly as the window does (default
//! filters, layout run to rest), and reports, over the nodes shown:
//!
//! - the silhouette of their positions grouped by section (each node's
//!   section is the one most of its paragraphs come from),
//! - the NMI of their communities against those sections,
//! - links drawn per node shown.
//!
//! `cargo run --release --example map_quality [-- [--compare] [--table] FOLDER]`;
//! without a folder it generates the calibrated five-section news corpus
//! (2,200 articles). `--compare` also lays the same nodes out with other
//! layout settings and links (three seeds each) and reports their
//! silhouettes: how the defaults were chosen. `--table` prints which sections
//! each community of the shown nodes holds.

use knowmap::graph::NodeId;
use knowmap::layout::quality::{normalized_mutual_information, silhouette};
use knowmap::session::{Options, Session};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let mut generated = None;
    let folder = match arg {
        Some(folder) => std::path::PathBuf::from(folder),
        None => {
            let dir =
                std::env::temp_dir().join(format!("knowmap-map-quality-{}", std::process::id()));
            let files = knowmap::corpus::synthetic::generate_sectioned(
                &knowmap::corpus::synthetic::SyntheticSettings::news(),
            );
            knowmap::corpus::synthetic::write_to(&dir, &files)?;
            generated = Some(dir.clone());
            dir
        }
    };
    let started = std::time::Instant::now();
    let session = Session::open_blocking_with(Some(folder.clone()), Options::headless());
    let model = session.model.clone().ok_or("the folder gave no map")?;
    let (nodes, edges) = session.visibility(&model);
    // Each article's section: the first folder of its path.
    let mut names: Vec<String> = Vec::new();
    let section_of_article: Vec<usize> = model
        .corpus
        .articles
        .iter()
        .map(|a| {
            let first = a.path.split(['/', '\\']).next().unwrap_or("").to_owned();
            match names.iter().position(|n| *n == first) {
                Some(i) => i,
                None => {
                    names.push(first);
                    names.len() - 1
                }
            }
        })
        .collect();
    let (mut points, mut sections, mut communities) = (Vec::new(), Vec::new(), Vec::new());
    for (i, _) in nodes.iter().enumerate().filter(|(_, shown)| **shown) {
        let Some(data) = model.graph.node(NodeId::new(i)) else {
            continue;
        };
        let mut votes = vec![0usize; names.len()];
        for e in data.paragraphs.iter() {
            votes[section_of_article[e.article.index()]] += 1;
        }
        let Some((section, _)) = votes
            .iter()
            .enumerate()
            .max_by_key(|&(s, &v)| (v, std::cmp::Reverse(s)))
        else {
            continue;
        };
        points.push(session.positions[i]);
        sections.push(section);
        communities.push(data.community as usize);
    }
    let shown_links = edges.iter().filter(|&&e| e).count();
    println!(
        "{}: {} articles, {} sections ({}), {} nodes shown, {} links shown ({:.1} per node), {:.1} s",
        folder.display(),
        model.corpus.articles.len(),
        names.len(),
        names.join(", "),
        points.len(),
        shown_links,
        shown_links as f64 / points.len().max(1) as f64,
        started.elapsed().as_secs_f64()
    );
    match silhouette(&points, &sections) {
        Some(s) => println!("silhouette of positions by section: {s:.3}"),
        None => println!("silhouette: fewer than two sections among the nodes shown"),
    }
    println!(
        "NMI of communities against sections: {:.3}",
        normalized_mutual_information(&communities, &sections)
    );
    if std::env::args().any(|a| a == "--table") {
        // Which sections each community of the shown nodes holds.
        let k = communities.iter().copied().max().map_or(0, |m| m + 1);
        let mut table = vec![vec![0usize; names.len()]; k];
        for (&c, &s) in communities.iter().zip(&sections) {
            table[c][s] += 1;
        }
        println!("community × section ({}):", names.join(", "));
        for (c, row) in table
            .iter()
            .enumerate()
            .filter(|(_, r)| r.iter().sum::<usize>() > 0)
        {
            println!("  {c:>4}: {row:?}");
        }
    }
    if std::env::args().any(|a| a == "--compare") {
        compare(&model, &nodes, &edges, &sections);
    }
    if let Some(dir) = generated {
        std::fs::remove_dir_all(dir)?;
    }
    Ok(())
}

/// Silhouettes of the nodes shown laid out with other settings.
fn compare(model: &knowmap::graph::Model, nodes: &[bool], edges: &[bool], sections: &[usize]) {
    use knowmap::layout::{Fa2Settings, ForceAtlas2, LayoutGraph};
    let full = LayoutGraph::from_knowledge(&model.graph);
    let shown: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i]).collect();
    let mut index = vec![None; nodes.len()];
    for (k, &i) in shown.iter().enumerate() {
        index[i] = Some(k as u32);
    }
    let links = |backbone: bool| -> Vec<(u32, u32, f32)> {
        model
            .graph
            .edge_ids()
            .filter(|e| !backbone || edges.get(e.index()).copied().unwrap_or(false))
            .filter_map(|e| {
                let (a, b) = model.graph.endpoints(e)?;
                let data = &model.graph[e];
                (data.count > 0).then_some(())?;
                Some((index[a.index()]?, index[b.index()]?, data.weight as f32))
            })
            .collect()
    };
    // The window's settings for a first layout of this many nodes.
    let base = Fa2Settings::for_maps(shown.len());
    let variants: Vec<(&str, bool, Fa2Settings)> = vec![
        ("default: all links, LinLog", false, base),
        ("backbone links only", true, base),
        (
            "no LinLog",
            false,
            Fa2Settings {
                lin_log: false,
                ..base
            },
        ),
        (
            "backbone, no LinLog",
            true,
            Fa2Settings {
                lin_log: false,
                ..base
            },
        ),
        (
            "edge weight influence 0",
            false,
            Fa2Settings {
                edge_weight_influence: 0.0,
                ..base
            },
        ),
        (
            "edge weight influence 1",
            false,
            Fa2Settings {
                edge_weight_influence: 1.0,
                ..base
            },
        ),
        (
            "dissuade hubs",
            false,
            Fa2Settings {
                dissuade_hubs: true,
                ..base
            },
        ),
        (
            "strong gravity",
            false,
            Fa2Settings {
                strong_gravity: true,
                ..base
            },
        ),
        (
            "gravity 0.2",
            false,
            Fa2Settings {
                gravity: 0.2,
                ..base
            },
        ),
        (
            "gravity 5",
            false,
            Fa2Settings {
                gravity: 5.0,
                ..base
            },
        ),
        (
            "scaling 10",
            false,
            Fa2Settings {
                scaling: 10.0,
                ..base
            },
        ),
    ];
    // Communities found among the shown nodes alone, against the model's
    // (found on the whole graph).
    for (name, backbone) in [
        ("shown nodes, all links", false),
        ("shown nodes, backbone", true),
    ] {
        let mut adj: knowmap::graph::metrics::Adjacency = vec![Vec::new(); shown.len()];
        for (a, b, w) in links(backbone) {
            adj[a as usize].push((b, f64::from(w)));
            adj[b as usize].push((a, f64::from(w)));
        }
        let c: Vec<usize> = knowmap::graph::metrics::louvain(&adj)
            .into_iter()
            .map(|c| c as usize)
            .collect();
        println!(
            "  communities of the {name}: NMI {:.3} ({} communities)",
            normalized_mutual_information(&c, sections),
            c.iter().max().map_or(0, |m| m + 1)
        );
    }
    for (name, backbone, settings) in variants {
        let graph = LayoutGraph {
            node_count: shown.len(),
            edges: links(backbone),
            sizes: shown.iter().map(|&i| full.sizes[i]).collect(),
        };
        let scores: Vec<f64> = (1..=3)
            .map(|seed| {
                let mut fa2 = ForceAtlas2::new(&graph, settings, seed);
                let mut steps = 0;
                while fa2.step().is_some() && steps < 5000 {
                    steps += 1;
                }
                silhouette(fa2.positions(), sections).unwrap_or(0.0)
            })
            .collect();
        println!(
            "  {name:<28} {:>6} links  silhouette {:.3} (seeds {})",
            graph.edges.len(),
            scores.iter().sum::<f64>() / scores.len() as f64,
            scores
                .iter()
                .map(|s| format!("{s:.3}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}
