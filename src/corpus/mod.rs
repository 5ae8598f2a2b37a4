//! Folder → articles → paragraphs: reading, decoding, splitting, site
//! furniture and duplicate paragraphs.
//!
//! The first layer of the pipeline; it knows nothing of mentions, graphs or
//! the UI. Bad files never abort a load: they become [`Warning`]s.

pub mod boilerplate;
pub mod date;
pub mod decode;
pub mod formats;
mod ids;
pub mod knowmap_dir;
pub mod read;
pub mod split;
pub mod synthetic;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use boilerplate::Furniture;
pub use date::{Date, DateSource};
pub use formats::{Format, Metadata};
pub(crate) use ids::id_type;
pub use ids::{ArticleId, ParagraphId};
pub use read::{Progress, ReadSettings, SourceFile};
pub use split::{Block, BlockKind};

/// Something that went wrong with one file or folder; the load goes on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    /// Path relative to the corpus folder, with `/`.
    pub path: String,
    /// What happened, for people.
    pub message: String,
}

impl Warning {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Why a corpus could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("cannot open folder {path}: {reason}")]
    NotAFolder { path: PathBuf, reason: String },
    #[error(
        "no readable article in {path}: looked for .txt, .md, .html, .pdf, .docx, .odt, .rtf, .eml, .mbox, .rss, .csv, .json, .zip and similar files{}",
        if *.skipped > 0 { format!(" ({} skipped, see the warnings)", .skipped) } else { String::new() }
    )]
    NoArticles { path: PathBuf, skipped: usize },
}

/// One article: its decoded text and the blocks it is made of.
#[derive(Debug, Clone)]
pub struct Article {
    /// Position in the corpus (articles are sorted by path).
    pub id: ArticleId,
    /// Path relative to the corpus folder, with `/`; for one of many
    /// articles of a file (a feed item, a table row), `file#N` from 1.
    pub path: String,
    /// The file it came from (relative, with `/`).
    pub source: String,
    /// Its position in that file, when the file holds many.
    pub item: Option<u32>,
    /// What the file says of it, and its date (from the metadata, the
    /// text's dateline or the file name).
    pub meta: Metadata,
    /// The headline, or the file name when the article has none.
    pub title: String,
    /// The decoded text; every offset in knowmap points into it.
    pub text: String,
    /// The encoding the file was decoded from.
    pub encoding: &'static str,
    /// All blocks in text order.
    pub blocks: Vec<Block>,
    /// Indices into `blocks` of the kept paragraphs; a paragraph's id is its
    /// position in this list.
    pub paragraphs: Vec<u32>,
}

impl Article {
    /// The id of the kept paragraph that block `block` is, if it is one
    /// (not a title, heading, duplicate or boilerplate).
    pub fn kept_paragraph_of(&self, block: u32) -> Option<ParagraphId> {
        let p = self.paragraphs.binary_search(&block).ok()?;
        Some(ParagraphId::new(p))
    }

    /// Outlet, author and date for people ("The Daily Ledger · Jane Roe ·
    /// 2025-11-30 (from the file's metadata)"); `None` when none is known.
    pub fn byline(&self) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.meta.outlet.clone());
        parts.extend(self.meta.author.clone());
        if let Some((date, source)) = self.meta.date {
            let day = date.day_iso();
            parts.push(match source {
                DateSource::Metadata | DateSource::Corrected => day,
                other => format!("{day} ({})", other.describe()),
            });
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// The kept paragraph with id `paragraph`.
    pub fn paragraph(&self, paragraph: ParagraphId) -> Option<&Block> {
        let index = *self.paragraphs.get(paragraph.index())?;
        self.blocks.get(index as usize)
    }

    /// The text of a block.
    pub fn block_text(&self, block: &Block) -> &str {
        &self.text[block.start..block.end]
    }
}

/// A read corpus.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The folder it was read from; `None` for the bundled sample.
    pub root: Option<PathBuf>,
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

impl Corpus {
    /// Applies the user's date corrections: article path → ISO date, or an
    /// empty string for "this article has no date". Paths not in the corpus
    /// and dates that do not parse are ignored; returns how many applied.
    pub fn correct_dates(&mut self, dates: &std::collections::BTreeMap<String, String>) -> usize {
        let mut applied = 0;
        for article in &mut self.articles {
            let Some(text) = dates.get(&article.path) else {
                continue;
            };
            if text.trim().is_empty() {
                article.meta.date = None;
            } else if let Some(date) = Date::parse(text) {
                article.meta.date = Some((date, DateSource::Corrected));
            } else {
                continue;
            }
            applied += 1;
        }
        applied
    }

    /// Keeps the articles dated from `from` to `to` (either end open; days,
    /// inclusive), renumbering them; articles without a date, or dated only
    /// by their file's modification time, are left out. Returns how many
    /// were left out.
    pub fn keep_dated_between(&mut self, from: Option<Date>, to: Option<Date>) -> usize {
        let before = self.articles.len();
        let day = |d: Date| d.days_since_epoch();
        self.articles.retain(|a| match a.meta.date {
            Some((date, source)) if source != DateSource::Modified => {
                from.is_none_or(|f| day(date) >= day(f)) && to.is_none_or(|t| day(date) <= day(t))
            }
            _ => false,
        });
        for (i, article) in self.articles.iter_mut().enumerate() {
            article.id = ArticleId::from_raw(u32::try_from(i).unwrap_or(u32::MAX));
        }
        before - self.articles.len()
    }

    /// Number of kept paragraphs in all articles.
    pub fn paragraph_count(&self) -> usize {
        self.articles.iter().map(|a| a.paragraphs.len()).sum()
    }

    /// The outlets of the articles that name one (site, feed, sender,
    /// table column, Nexis source), each with its articles' ids, the
    /// largest first.
    pub fn outlets(&self) -> Vec<(String, Vec<ArticleId>)> {
        let mut by: HashMap<&str, Vec<ArticleId>> = HashMap::new();
        for a in &self.articles {
            if let Some(outlet) = a.meta.outlet.as_deref() {
                by.entry(outlet).or_default().push(a.id);
            }
        }
        let mut out: Vec<(String, Vec<ArticleId>)> =
            by.into_iter().map(|(o, ids)| (o.to_owned(), ids)).collect();
        out.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// The corpus bundled with knowmap: five reports on the US–Ukraine–Russia
    /// peace talks.
    pub fn sample() -> Self {
        let files = SAMPLE
            .iter()
            .map(|(path, bytes)| SourceFile {
                path: (*path).to_owned(),
                bytes: bytes.to_vec(),
                modified: None,
            })
            .collect();
        Self::from_sources(files, &Furniture::builtin(), Vec::new())
    }

    /// Builds a corpus from files already in memory, in the given order.
    pub fn from_sources(
        files: Vec<SourceFile>,
        furniture: &Furniture,
        warnings: Vec<Warning>,
    ) -> Self {
        let mut warnings = warnings;
        let clock = std::time::Instant::now();
        let lap = |what: &str| log::debug!("corpus: {what} at {:?}", clock.elapsed());
        let files = open_archives(files, ReadSettings::default().max_file_size, &mut warnings);
        let decoded: Vec<Vec<(Article, Option<Warning>)>> = files
            .into_par_iter()
            .map(|file| articles_of(file, furniture))
            .collect();
        let mut articles = Vec::with_capacity(decoded.len());
        for (mut article, warning) in decoded.into_iter().flatten() {
            warnings.extend(warning);
            if article.text.trim().is_empty() {
                if article.path != SKIPPED {
                    warnings.push(Warning::new(article.path, "empty file skipped"));
                }
                continue;
            }
            article.id = ArticleId::from_raw(u32::try_from(articles.len()).unwrap_or(u32::MAX));
            articles.push(article);
        }
        lap("decoded and split");
        mark_repeated_lines(&mut articles);
        lap("repeated lines");
        mark_duplicates(&mut articles);
        lap("duplicates");
        for article in &mut articles {
            article.paragraphs = article
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| b.kind == BlockKind::Paragraph)
                .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
                .collect();
        }
        Self {
            root: None,
            articles,
            warnings,
        }
    }
}

/// Zip archives replaced by the files inside them (see
/// [`formats::archive`]), each entry within the per-file size limit `cap`;
/// what was skipped inside goes to the warnings. A folder's archives are
/// opened by [`read_folder`] with the reader's limit; [`Corpus::from_sources`]
/// opens any left with the default one.
fn open_archives(files: Vec<SourceFile>, cap: u64, warnings: &mut Vec<Warning>) -> Vec<SourceFile> {
    if !files.iter().any(|f| formats::archive::is_zip(&f.path)) {
        return files;
    }
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        if !formats::archive::is_zip(&file.path) {
            out.push(file);
            continue;
        }
        match formats::archive::expand(&file, cap) {
            Ok((inner, notes)) => {
                if inner.is_empty() {
                    warnings.push(Warning::new(
                        file.path.clone(),
                        "archive skipped: no file in it is in a format knowmap reads",
                    ));
                }
                for note in notes {
                    warnings.push(Warning::new(
                        file.path.clone(),
                        format!("in the archive: {note}"),
                    ));
                }
                out.extend(inner);
            }
            Err(e) => warnings.push(Warning::new(file.path, format!("file skipped: {e}"))),
        }
    }
    out
}

/// The path of a placeholder article that only carries a file's warning.
const SKIPPED: &str = "\u{0}skipped";

/// The articles of one file (one, or many for feeds and tables), each with
/// the file's warning if any. A file that cannot be read gives a
/// placeholder that carries its warning.
fn articles_of(file: SourceFile, furniture: &Furniture) -> Vec<(Article, Option<Warning>)> {
    let SourceFile {
        path: file_path,
        bytes,
        modified,
    } = file;
    let format = Format::of(&file_path).unwrap_or(Format::Text);
    let decoded = std::cell::OnceCell::new();
    let decode = || decode::decode(&bytes);
    let mut notes: Vec<String> = Vec::new();
    let (items, note) =
        match formats::extract(format, &bytes, || decoded.get_or_init(decode).text.clone()) {
            Ok(extracted) => extracted,
            Err(reason) => {
                let warning = Warning::new(file_path.clone(), format!("file skipped: {reason}"));
                return vec![(placeholder(), Some(warning))];
            }
        };
    if let Some(decoded) = decoded.get() {
        notes.extend(decoded.note.clone());
    }
    notes.extend(note);
    if format.holds_many() && items.is_empty() {
        notes.push("no article found in it".into());
    }
    let encoding = decoded.get().map_or("UTF-8", |d| d.encoding);
    let mut out = Vec::with_capacity(items.len());
    let mut removed_total = 0;
    for extracted in items {
        let (cleaned, removed) = decode::clean(&extracted.text);
        removed_total += removed;
        let text = cleaned.unwrap_or(extracted.text);
        let blocks = split::split(&text, furniture);
        let mut meta = extracted.meta;
        let title = meta
            .title
            .clone()
            .or_else(|| {
                blocks
                    .iter()
                    .find(|b| b.kind == BlockKind::Title)
                    .map(|b| collapse_spaces(&text[b.start..b.end]))
            })
            .unwrap_or_else(|| file_stem(&file_path));
        if meta.date.is_none() {
            meta.date = date::from_text_head(text.lines())
                .map(|d| (d, DateSource::Text))
                .or_else(|| date::from_file_name(&file_path).map(|d| (d, DateSource::FileName)))
                .or_else(|| {
                    modified
                        .and_then(Date::from_system_time)
                        .map(|d| (d, DateSource::Modified))
                });
        }
        let path = match (format.holds_many(), extracted.item) {
            (true, Some(item)) => format!("{}#{}", file_path, item + 1),
            _ => file_path.clone(),
        };
        out.push((
            Article {
                id: ArticleId::new(0),
                path,
                source: file_path.clone(),
                item: extracted.item.filter(|_| format.holds_many()),
                meta,
                title,
                text,
                encoding,
                blocks,
                paragraphs: Vec::new(),
            },
            None,
        ));
    }
    if removed_total > 0 {
        notes.push(format!(
            "{removed_total} control or invisible formatting character(s) removed"
        ));
    }
    let warning = (!notes.is_empty()).then(|| Warning::new(file_path.clone(), notes.join("; ")));
    match out.first_mut() {
        Some(first) => first.1 = warning,
        None => out.push((placeholder(), warning)),
    }
    out
}

fn placeholder() -> Article {
    Article {
        id: ArticleId::new(0),
        path: SKIPPED.into(),
        source: String::new(),
        item: None,
        meta: Metadata::default(),
        title: String::new(),
        text: String::new(),
        encoding: "",
        blocks: Vec::new(),
        paragraphs: Vec::new(),
    }
}

/// Reads every article below `root`.
///
/// A folder-local `.knowmap/boilerplate.txt` adds furniture phrases.
///
/// # Errors
/// [`CorpusError::NotAFolder`] when `root` cannot be opened as a folder, and
/// [`CorpusError::NoArticles`] when it holds no readable article. Bad files
/// are not errors: they are skipped and listed in [`Corpus::warnings`].
pub fn read_folder(root: &Path, settings: &ReadSettings) -> Result<Corpus, CorpusError> {
    read_folder_with_progress(root, settings, &read::Progress::default())
}

/// [`read_folder`], counting files read into `progress` (and stopping early
/// when it is cancelled).
///
/// # Errors
/// As [`read_folder`].
pub fn read_folder_with_progress(
    root: &Path,
    settings: &ReadSettings,
    progress: &read::Progress,
) -> Result<Corpus, CorpusError> {
    let mut warnings = Vec::new();
    let clock = std::time::Instant::now();
    let files = read::list_files(root, settings, &mut warnings)?;
    log::debug!(
        "corpus: {} files listed at {:?}",
        files.len(),
        clock.elapsed()
    );
    let sources = read::read_files(&files, settings, &mut warnings, progress);
    // Entries of zip archives within the reader's own size limit.
    let sources = open_archives(sources, settings.max_file_size, &mut warnings);
    log::debug!("corpus: files read at {:?}", clock.elapsed());
    let mut furniture = Furniture::builtin();
    let (extra, warning) = knowmap_dir::read_list(root, knowmap_dir::SidecarFile::Boilerplate);
    if let Some(extra) = extra {
        furniture.add_list(&extra);
    }
    warnings.extend(warning);
    let mut corpus = Corpus::from_sources(sources, &furniture, warnings);
    if corpus.articles.is_empty() {
        return Err(CorpusError::NoArticles {
            path: root.to_path_buf(),
            skipped: corpus.warnings.len(),
        });
    }
    corpus.root = Some(root.to_path_buf());
    Ok(corpus)
}

/// Lower-case letters and digits, with every other run of characters folded
/// to one space: the key for comparing lines and paragraphs.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if alnum {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            space = true;
        }
    }
    out
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn file_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_owned()
}

/// The hash of `normalize(text)` (FNV-1a), computed without building the
/// string; ASCII takes a fast path.
fn normalized_hash(text: &str) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |v: u32| {
        hash ^= u64::from(v);
        hash = hash.wrapping_mul(PRIME);
    };
    let mut space = false;
    let mut started = false;
    for c in text.chars() {
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if !alnum {
            space = true;
            continue;
        }
        if space && started {
            feed(u32::from(b' '));
        }
        space = false;
        started = true;
        if c.is_ascii() {
            feed(u32::from(c.to_ascii_lowercase()));
        } else {
            for l in c.to_lowercase() {
                feed(l as u32);
            }
        }
    }
    hash
}

/// spared: datelines repeat legitimately.
fn mark_repeated_lines(articles: &mut [Article]) {
    let key_of = |article: &Article, block: &Block| -> Option<u64> {
        if block.kind != BlockKind::Heading {
            return None;
        }
        let text = article.block_text(block);
        let shape = block.shape;
        if shape.words > 8 || shape.has_digit {
            return None;
        }
        Some(normalized_hash(text))
    };
    let mut seen_in: HashMap<u64, (u32, u32)> = HashMap::new(); // key -> (first article, article count)
    for article in articles.iter() {
        for block in &article.blocks {
            if let Some(key) = key_of(article, block) {
                let entry = seen_in.entry(key).or_insert((article.id.raw(), 0));
                if entry.1 == 0 || entry.0 != article.id.raw() {
                    entry.1 += 1;
                    entry.0 = article.id.raw();
                }
            }
        }
    }
    // Furniture repeats across many articles; a heading shared by two
    // articles of a small corpus is furniture only if the phrase list says so.
    let threshold = (articles.len() as u32 / 50).max(3);
    for article in articles.iter_mut() {
        let keys: Vec<Option<u64>> = article.blocks.iter().map(|b| key_of(article, b)).collect();
        for (block, key) in article.blocks.iter_mut().zip(keys) {
            if key.is_some_and(|k| seen_in.get(&k).is_some_and(|e| e.1 >= threshold)) {
                block.kind = BlockKind::Boilerplate;
            }
        }
    }
}

/// A paragraph that repeats an earlier one anywhere in the corpus (ignoring
/// case, spacing and punctuation) is a duplicate. O(total text).
fn mark_duplicates(articles: &mut [Article]) {
    let hashes: Vec<Vec<Option<u64>>> = articles
        .par_iter()
        .map(|article| {
            article
                .blocks
                .iter()
                .map(|b| {
                    (b.kind == BlockKind::Paragraph).then(|| normalized_hash(article.block_text(b)))
                })
                .collect()
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for (article, hashes) in articles.iter_mut().zip(hashes) {
        for (block, hash) in article.blocks.iter_mut().zip(hashes) {
            if let Some(hash) = hash
                && !seen.insert(hash)
            {
                block.kind = BlockKind::Duplicate;
            }
        }
    }
}

/// The bundled sample corpus, embedded so the binary works from anywhere.
const SAMPLE: &[(&str, &[u8])] = &[
    (
        "000_520e1962ceb0d452.txt",
        include_bytes!("../../assets/sample/000_520e1962ceb0d452.txt"),
    ),
    (
        "001_6dd33d24f0bc7813.txt",
        include_bytes!("../../assets/sample/001_6dd33d24f0bc7813.txt"),
    ),
    (
        "002_22cd30e20247ea75.txt",
        include_bytes!("../../assets/sample/002_22cd30e20247ea75.txt"),
    ),
    (
        "003_67e26a9a883d306c.txt",
        include_bytes!("../../assets/sample/003_67e26a9a883d306c.txt"),
    ),
    (
        "004_e8b6370061911f66.txt",
        include_bytes!("../../assets/sample/004_e8b6370061911f66.txt"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
            modified: None,
        }
    }

    #[test]
    fn repeated_paragraph_counts_once() {
        let p = "Leaders met in Geneva on Monday to discuss the plan.";
        let corpus = Corpus::from_sources(
            vec![
                source("a.txt", &format!("{p}\n\nAnother paragraph here.\n")),
                source(
                    "b.txt",
                    &format!(
                        "Something new is said.\n\n{}\n",
                        p.to_lowercase().replace(' ', "  ").replace('.', " !")
                    ),
                ),
            ],
            &Furniture::builtin(),
            Vec::new(),
        );
        assert_eq!(corpus.articles[0].paragraphs.len(), 2);
        assert_eq!(corpus.articles[1].paragraphs.len(), 1);
        assert!(
            corpus.articles[1]
                .blocks
                .iter()
                .any(|b| b.kind == BlockKind::Duplicate)
        );
    }

    #[test]
    fn a_heading_in_three_articles_is_furniture() {
        let corpus = Corpus::from_sources(
            vec![
                source("a.txt", "Talks resume.\n\nPartner Content Zone\n"),
                source("b.txt", "Other talks end.\n\nPartner Content Zone\n"),
                source("c.txt", "Third talks begin.\n\nPartner Content Zone\n"),
            ],
            &Furniture::builtin(),
            Vec::new(),
        );
        for article in &corpus.articles {
            assert_eq!(
                article.blocks.last().map(|b| b.kind),
                Some(BlockKind::Boilerplate)
            );
        }
    }

    #[test]
    fn normalize_folds_case_and_punctuation() {
        assert_eq!(
            normalize("  Zelenskyy’s  PLAN: “Peace”! "),
            "zelenskyy s plan peace"
        );
    }
}
