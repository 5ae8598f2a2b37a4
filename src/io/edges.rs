//! Reading a graph from a CSV edge list (`source,target[,weight]`, header
//! optional), for laying out any graph headless.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::layout::LayoutGraph;

/// Why an edge list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EdgeListError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// Parses an edge list; returns node names (in order of first appearance) and the graph.
///
/// # Errors
/// [`EdgeListError`] naming the file and line of the first malformed row.
pub fn read_edge_list(path: &Path) -> Result<(Vec<String>, LayoutGraph), EdgeListError> {
    let text = std::fs::read_to_string(path).map_err(|source| EdgeListError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse_edge_list(&text).map_err(|(line, message)| EdgeListError::Line {
        path: path.to_path_buf(),
        line,
        message,
    })
}

/// Parses edge-list text; errors carry the 1-based line number.
///
/// # Errors
/// `(line, message)` for the first malformed row.
pub fn parse_edge_list(text: &str) -> Result<(Vec<String>, LayoutGraph), (usize, String)> {
    let mut names: Vec<String> = Vec::new();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut edges = Vec::new();
    let mut id_of = |name: &str, names: &mut Vec<String>| -> u32 {
        if let Some(&id) = ids.get(name) {
            return id;
        }
        let id = u32::try_from(names.len()).unwrap_or(u32::MAX);
        names.push(name.to_owned());
        ids.insert(name.to_owned(), id);
        id
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        if cols.len() < 2 {
            return Err((i + 1, "expected 'source,target[,weight]'".into()));
        }
        let weight = match cols.get(2) {
            Some(w) if !w.is_empty() => match w.parse::<f32>() {
                Ok(w) if w.is_finite() => w,
                _ if i == 0 => continue, // a header row
                _ => return Err((i + 1, format!("weight '{w}' is not a number"))),
            },
            _ => 1.0,
        };
        if i == 0 && cols[0].eq_ignore_ascii_case("source") {
            continue;
        }
        let a = id_of(cols[0], &mut names);
        let b = id_of(cols[1], &mut names);
        edges.push((a, b, weight));
    }
    let node_count = names.len();
    Ok((
        names,
        LayoutGraph {
            node_count,
            edges,
            sizes: Vec::new(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_default_weights() {
        let (names, g) = parse_edge_list("source,target,weight\na,b,2\nb,c\n").unwrap();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(g.edges, vec![(0, 1, 2.0), (1, 2, 1.0)]);
    }

    #[test]
    fn bad_weights_name_the_line() {
        let err = parse_edge_list("a,b,1\nb,c,heavy\n").unwrap_err();
        assert_eq!(err.0, 2);
    }
}
