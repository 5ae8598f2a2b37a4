//! Layout files (`FOLDER/.knowmap/layout.json`): positions, pins, hidden
//! nodes, camera, layout settings and view state, in named views, keyed by
//! stable node keys (kind + label) and tagged with a corpus fingerprint.
//!
//! Loading never changes the file; saving is atomic and keeps the previous
//! version as `layout.json.bak`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::corpus::knowmap_dir::{self, KnowmapDir, SafeFileError, SidecarFile};
use crate::extract::NodeKey;
use crate::extract::curate::Edit;
use crate::layout::Fa2Settings;

/// The name of the first view of a file.
pub const DEFAULT_VIEW: &str = "default";

/// Where an unsaved session's autosave lives, next to the layout file.
pub fn autosave_path(folder: &Path) -> PathBuf {
    KnowmapDir::of(folder).file(SidecarFile::Autosave)
}

/// The version this build writes; files from newer versions are refused.
pub const LAYOUT_VERSION: u32 = 1;

/// Why a layout file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LayoutFileError {
    #[error("cannot read the layout file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the layout file {path} is damaged ({detail}); it was left as it is and the map opens without it"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "the layout file {path} was written by a newer knowmap (format {found}, this one reads up to {LAYOUT_VERSION}); it was left as it is"
    )]
    FutureVersion { path: PathBuf, found: u32 },
    #[error("the layout file was not read: {source}; it was left as it is")]
    Refused { source: SafeFileError },
    #[error("cannot save the layout to {path}: {source}; the map is unchanged in memory")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One node's saved state.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeState {
    pub x: f32,
    pub y: f32,
    pub pinned: bool,
    pub hidden: bool,
}

impl Default for NodeState {
    fn default() -> Self {
        Self {
            x: 0.0,
            y: 0.0,
            pinned: false,
            hidden: false,
        }
    }
}

/// One named arrangement of the map.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct View {
    /// Node key ("actor:Donald Trump") → state.
    pub nodes: BTreeMap<NodeKey, NodeState>,
    /// Camera centre (graph units) and zoom.
    pub camera: Option<[f32; 3]>,
    pub layout_settings: Option<Fa2Settings>,
    /// The selected node's key, if any.
    pub selection: Option<NodeKey>,
    /// What the view shows: filters, articles left out, colouring.
    pub ui: ViewUi,
}

/// What a view shows of the map, beside its places.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewUi {
    /// The filters (nodes hidden by hand are saved per node instead). A
    /// filter this version cannot read is dropped, not the whole file.
    #[serde(deserialize_with = "lenient_filter")]
    pub filter: Option<crate::graph::view::Filter>,
    /// Articles left out of the map, by path (indices change with the corpus).
    pub excluded_article_paths: Vec<String>,
    pub color_by_community: Option<bool>,
}

/// A filter, or `None` when it is malformed (a file from another version).
fn lenient_filter<'de, D>(d: D) -> Result<Option<crate::graph::view::Filter>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(value).ok())
}

/// A corpus as it was when the layout was saved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Fingerprint {
    /// Article path → FNV-1a hash of its text (hex).
    pub articles: BTreeMap<String, String>,
}

impl Fingerprint {
    pub fn of(corpus: &Corpus) -> Self {
        Self {
            articles: corpus
                .articles
                .iter()
                .map(|a| (a.path.clone(), format!("{:016x}", fnv1a(a.text.as_bytes()))))
                .collect(),
        }
    }

    /// Articles added, removed and changed since `self`.
    pub fn compare(&self, now: &Self) -> (usize, usize, usize) {
        let added = now
            .articles
            .keys()
            .filter(|k| !self.articles.contains_key(*k))
            .count();
        let removed = self
            .articles
            .keys()
            .filter(|k| !now.articles.contains_key(*k))
            .count();
        let changed = now
            .articles
            .iter()
            .filter(|(k, v)| self.articles.get(*k).is_some_and(|old| old != *v))
            .count();
        (added, removed, changed)
    }
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LayoutFile {
    pub version: u32,
    pub fingerprint: Fingerprint,
    /// The view shown when the folder opens.
    pub current: String,
    pub views: BTreeMap<String, View>,
    /// The user's corrections to the extraction, replayed in order whenever
    /// the corpus is read (shared by all views).
    pub curation: Vec<Edit>,
    /// Article dates set by the user: path → ISO date, or empty for "no
    /// date" (shared by all views).
    pub dates: BTreeMap<String, String>,
}

impl Default for LayoutFile {
    fn default() -> Self {
        Self {
            version: LAYOUT_VERSION,
            fingerprint: Fingerprint::default(),
            current: DEFAULT_VIEW.into(),
            views: BTreeMap::new(),
            curation: Vec::new(),
            dates: BTreeMap::new(),
        }
    }
}

impl LayoutFile {
    /// The view to show.
    pub fn current_view(&self) -> Option<&View> {
        self.views.get(&self.current)
    }
}

/// Node key → node index, for the live (not merged-away) nodes of a model.
pub fn node_index(model: &crate::graph::Model) -> std::collections::HashMap<NodeKey, usize> {
    let mut index = std::collections::HashMap::new();
    for i in model.graph.node_ids() {
        if let Some(e) = model
            .extraction
            .entities
            .get(model.graph[i].entity as usize)
            && e.merged_into.is_none()
        {
            index.entry(e.key()).or_insert(i.index());
        }
    }
    index
}

/// The saved places of a view, by node index of `model`.
pub fn saved_positions(model: &crate::graph::Model, view: &View) -> Vec<Option<[f32; 2]>> {
    let index = node_index(model);
    let mut places = vec![None; model.graph.node_count()];
    for (key, state) in &view.nodes {
        if let Some(&i) = index.get(key) {
            places[i] = Some([state.x, state.y]);
        }
    }
    places
}

/// Where a folder's layout lives.
pub fn default_path(folder: &Path) -> PathBuf {
    KnowmapDir::of(folder).file(SidecarFile::Layout)
}

/// Reads a layout file without changing it.
///
/// # Errors
/// [`LayoutFileError::Read`] when it cannot be read, [`LayoutFileError::Corrupt`]
/// when it is not a valid layout (empty, truncated, wrong types, non-finite
/// numbers), [`LayoutFileError::FutureVersion`] when a newer knowmap wrote it.
pub fn load(path: &Path) -> Result<LayoutFile, LayoutFileError> {
    let bytes = knowmap_dir::read_regular(path, knowmap_dir::LAYOUT_CAP).map_err(|e| match e {
        SafeFileError::Io { path, source } => LayoutFileError::Read { path, source },
        other => LayoutFileError::Refused { source: other },
    })?;
    parse(&bytes).map_err(|e| match e {
        ParseError::Corrupt(detail) => LayoutFileError::Corrupt {
            path: path.to_path_buf(),
            detail,
        },
        ParseError::Future(found) => LayoutFileError::FutureVersion {
            path: path.to_path_buf(),
            found,
        },
    })
}

/// Why bytes are not a usable layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Corrupt(String),
    Future(u32),
}

/// Parses layout-file bytes; unknown fields are ignored, positions that are
/// not finite are refused.
///
/// # Errors
/// [`ParseError`] saying what is wrong.
pub fn parse(bytes: &[u8]) -> Result<LayoutFile, ParseError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Corrupt("the file is empty".into()));
    }
    // Check the version first, so a newer format is reported as such (the
    // other fields are skipped without being built, and the file is then
    // parsed straight into its types: no intermediate JSON tree).
    #[derive(Deserialize)]
    struct Version {
        #[serde(default)]
        version: serde_json::Value,
    }
    let version = serde_json::from_slice::<Version>(bytes)
        .map_err(|e| ParseError::Corrupt(e.to_string()))?
        .version
        .as_u64()
        .unwrap_or(0);
    if version == 0 {
        return Err(ParseError::Corrupt("no format version".into()));
    }
    if version > u64::from(LAYOUT_VERSION) {
        return Err(ParseError::Future(
            u32::try_from(version).unwrap_or(u32::MAX),
        ));
    }
    let file: LayoutFile =
        serde_json::from_slice(bytes).map_err(|e| ParseError::Corrupt(e.to_string()))?;
    for view in file.views.values() {
        for (key, node) in &view.nodes {
            if !(node.x.is_finite() && node.y.is_finite()) {
                return Err(ParseError::Corrupt(format!(
                    "node {key:?} has a position that is not a finite number"
                )));
            }
        }
        if let Some(camera) = view.camera
            && !camera.iter().all(|v| v.is_finite())
        {
            return Err(ParseError::Corrupt("the camera is not finite".into()));
        }
    }
    Ok(file)
}

/// Saves atomically, keeping the previous file as `.bak`.
///
/// The backup is the old file itself, linked under the new name, so a save
/// killed at any point leaves `layout.json` whole (old or new) and a full
/// disk never truncates the backup. A previous file that is damaged, over
/// the size cap or from a newer knowmap is never destroyed: it is kept as
/// `layout.json.damaged-SECONDS` before the first save over it. Inside a
/// folder's `.knowmap/`, the directory must be a real one (not a link); a
/// layout file that is a link, FIFO or device is refused, never written
/// through. Temporary files of killed saves are removed.
///
/// # Errors
/// [`LayoutFileError::Write`]; the previous file is then left intact.
pub fn save(path: &Path, file: &LayoutFile) -> Result<(), LayoutFileError> {
    let write_error = |source| LayoutFileError::Write {
        path: path.to_path_buf(),
        source,
    };
    let safe_error = |e: SafeFileError| write_error(std::io::Error::other(e.to_string()));
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        match dir.parent() {
            Some(folder) if dir.file_name().is_some_and(|n| n == ".knowmap") => {
                KnowmapDir::of(folder).ensure().map_err(safe_error)?;
            }
            _ => std::fs::create_dir_all(dir).map_err(write_error)?,
        }
        super::remove_stale_temporaries(dir);
    }
    super::check_replaceable(path).map_err(write_error)?;
    let json =
        serde_json::to_string_pretty(file).map_err(|e| write_error(std::io::Error::other(e)))?;
    match knowmap_dir::read_regular(path, knowmap_dir::LAYOUT_CAP) {
        Ok(bytes) if parse(&bytes).is_ok() => {
            super::keep_copy(path, &backup_path(path), true).map_err(write_error)?;
        }
        Ok(_) | Err(SafeFileError::TooLarge { .. } | SafeFileError::Grew { .. }) => {
            keep_damaged(path).map_err(write_error)?;
        }
        Err(error) if error.is_not_found() => {}
        Err(error) => return Err(safe_error(error)),
    }
    super::write_atomic(path, format!("{json}\n").as_bytes()).map_err(write_error)
}

/// Where [`save`] keeps the previous version.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Keeps an unusable layout file under a new `.damaged-SECONDS` name.
fn keep_damaged(path: &Path) -> std::io::Result<PathBuf> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let base = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    for n in 0..100 {
        let name = if n == 0 {
            format!("{base}.damaged-{seconds}")
        } else {
            format!("{base}.damaged-{seconds}-{n}")
        };
        let to = path.with_file_name(name);
        match super::keep_copy(path, &to, false) {
            Ok(()) => return Ok(to),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many damaged copies kept"))
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_inputs_are_named() {
        assert!(matches!(parse(b""), Err(ParseError::Corrupt(_))));
        assert!(matches!(
            parse(b"{\"version\": 1, \"views\": "),
            Err(ParseError::Corrupt(_))
        ));
        assert!(matches!(
            parse(b"{\"version\": 99}"),
            Err(ParseError::Future(99))
        ));
        assert!(matches!(
            parse(b"{\"version\": 1, \"views\": 3}"),
            Err(ParseError::Corrupt(_))
        ));
        assert!(matches!(parse(b"[1,2]"), Err(ParseError::Corrupt(_))));
    }

    #[test]
    fn nan_written_as_a_string_is_refused() {
        let text = br#"{"version":1,"views":{"default":{"nodes":{"actor:X":{"x":"NaN","y":0}}}}}"#;
        assert!(matches!(parse(text), Err(ParseError::Corrupt(_))));
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let text = br#"{"version":1,"whatever":true,"views":{"default":{"nodes":{"actor:X":{"x":1,"y":2,"extra":3}}}}}"#;
        let file = parse(text).unwrap();
        assert_eq!(file.views["default"].nodes[&NodeKey::actor("X")].x, 1.0);
    }
}
