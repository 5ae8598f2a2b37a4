//! Zip archives read as folders: every entry in a format knowmap reads
//! becomes a file `archive.zip/inner/path.txt`, in the archive's path
//! order; a zip inside it is opened too, one level deep.
//!
//! Bounded like the office formats: at most [`MAX_ENTRIES`] entries, each
//! entry at most the per-file size cap and [`MAX_RATIO`] times its
//! compressed size, all entries together at most [`MAX_TOTAL`]. Entry
//! names that climb out (`../`), are absolute, or are not UTF-8 are
//! skipped with a note; so are links, encrypted entries and folders.

use std::io::Read as _;

use crate::corpus::read::SourceFile;

/// Archives with more entries than this are refused.
pub const MAX_ENTRIES: usize = 50_000;
/// An entry may expand to at most this many times its compressed size.
pub const MAX_RATIO: u64 = 200;
/// All entries of one archive together expand to at most this.
pub const MAX_TOTAL: u64 = 2 << 30;
/// Zips inside zips are opened this deep.
const MAX_DEPTH: usize = 1;

/// Why an entry was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryError {
    Encrypted,
    /// Over the limit, or past its declared size: a possible zip bomb.
    TooLarge(String),
    Unreadable(String),
}

impl std::fmt::Display for EntryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Encrypted => f.write_str("encrypted, skipped"),
            Self::TooLarge(why) | Self::Unreadable(why) => f.write_str(why),
        }
    }
}

/// An entry's bytes, bounded: at most `max`, and at most [`MAX_RATIO`]
/// times its compressed size (at least 1 MB), so a zip bomb is refused
/// before it is expanded, and one that lies about its size is cut.
/// Shared by the archive reader and the office formats.
///
/// # Errors
/// An encrypted entry, one over the bound, or a read error.
pub fn read_entry<R: std::io::Read>(
    entry: &mut zip::read::ZipFile<'_, R>,
    max: u64,
) -> Result<Vec<u8>, EntryError> {
    if entry.encrypted() {
        return Err(EntryError::Encrypted);
    }
    let declared = entry.size();
    let limit = max.min(
        entry
            .compressed_size()
            .saturating_mul(MAX_RATIO)
            .max(1 << 20),
    );
    if declared > limit {
        return Err(EntryError::TooLarge(format!(
            "would expand to {declared} bytes (limit {limit}); skipped as a possible zip bomb"
        )));
    }
    let mut bytes = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| EntryError::Unreadable(format!("cannot be read ({e})")))?;
    if bytes.len() as u64 > limit {
        return Err(EntryError::TooLarge(format!(
            "expands past {limit} bytes; skipped as a possible zip bomb"
        )));
    }
    Ok(bytes)
}

/// Whether a path names a zip archive.
pub fn is_zip(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case("zip"))
}

/// The files of a zip archive, each with a path below the archive's, and
/// notes on what was skipped. `cap` is the per-file size limit.
///
/// # Errors
/// When the archive cannot be opened or breaks a bound as a whole.
pub fn expand(file: &SourceFile, cap: u64) -> Result<(Vec<SourceFile>, Vec<String>), String> {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let mut total = 0u64;
    expand_into(file, cap, 0, &mut total, &mut out, &mut notes)?;
    Ok((out, notes))
}

fn expand_into(
    file: &SourceFile,
    cap: u64,
    depth: usize,
    total: &mut u64,
    out: &mut Vec<SourceFile>,
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&file.bytes[..]))
        .map_err(|e| format!("not a readable zip archive ({e})"))?;
    if archive.len() > MAX_ENTRIES {
        return Err(format!(
            "the archive has {} entries; at most {MAX_ENTRIES} are read",
            archive.len()
        ));
    }
    let mut entries: Vec<(String, usize)> = Vec::new();
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            notes.push(format!("entry {i} cannot be read"));
            continue;
        };
        if entry.is_dir() {
            continue;
        }
        let raw = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let Some(safe) = entry.enclosed_name().filter(|_| !raw.contains('\\')) else {
            notes.push(format!("{raw}: a path that leaves the archive, skipped"));
            continue;
        };
        let Some(name) = safe.to_str().map(|s| s.replace('\\', "/")) else {
            notes.push(format!("{raw}: a name that is not UTF-8, skipped"));
            continue;
        };
        if entry.is_symlink() {
            notes.push(format!("{name}: a link, not followed"));
            continue;
        }
        let nested = is_zip(&name);
        if !nested && super::Format::of(&name).is_none() {
            continue;
        }
        if nested && depth >= MAX_DEPTH {
            notes.push(format!(
                "{name}: a zip inside a zip inside a zip, not opened"
            ));
            continue;
        }
        entries.push((name, i));
    }
    entries.sort();
    for (name, i) in entries {
        let path = format!("{}/{name}", file.path);
        let mut entry = match archive.by_index(i) {
            Ok(entry) => entry,
            Err(e) => {
                notes.push(format!("{name}: cannot be read ({e})"));
                continue;
            }
        };
        let declared = entry.size();
        if *total + declared > MAX_TOTAL {
            notes.push(format!(
                "the archive expands to more than {MAX_TOTAL} bytes: the rest from {name} on is not read"
            ));
            break;
        }
        let bytes = match read_entry(&mut entry, cap) {
            Ok(bytes) => bytes,
            Err(e) => {
                notes.push(format!("{name}: {e}"));
                continue;
            }
        };
        *total += bytes.len() as u64;
        let modified = entry.last_modified().and_then(|t| zip_time(&t));
        let inner = SourceFile {
            path,
            bytes,
            modified,
        };
        drop(entry);
        if is_zip(&inner.path) {
            if let Err(e) = expand_into(&inner, cap, depth + 1, total, out, notes) {
                notes.push(format!("{name}: {e}"));
            }
        } else {
            out.push(inner);
        }
    }
    Ok(())
}

/// A zip entry's time (local, no zone) as a system time.
fn zip_time(t: &zip::DateTime) -> Option<std::time::SystemTime> {
    let date = crate::corpus::Date::new(i32::from(t.year()), t.month(), t.day())?;
    let seconds = date.days_since_epoch() * 86_400
        + i64::from(t.hour()) * 3600
        + i64::from(t.minute()) * 60
        + i64::from(t.second());
    let seconds = u64::try_from(seconds).ok()?;
    std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut out);
            for (name, bytes) in entries {
                z.start_file(*name, zip::write::SimpleFileOptions::default())
                    .unwrap_or_else(|e| panic!("{e}"));
                z.write_all(bytes).unwrap_or_else(|e| panic!("{e}"));
            }
            z.finish().unwrap_or_else(|e| panic!("{e}"));
        }
        out.into_inner()
    }

    fn file(path: &str, bytes: Vec<u8>) -> SourceFile {
        SourceFile {
            path: path.to_owned(),
            bytes,
            modified: None,
        }
    }

    #[test]
    fn entries_become_files_below_the_archive_in_path_order() {
        let inner = zip_of(&[("deep.txt", b"Talks\n\nIn Oslo.\n")]);
        let outer = zip_of(&[
            ("b/second.txt", b"Talks\n\nIn Rome.\n"),
            ("a.md", b"Talks\n\nIn Paris.\n"),
            ("image.png", b"\x89PNG"),
            ("more.zip", &inner),
        ]);
        let (files, notes) = expand(&file("news.zip", outer), 1 << 20).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "news.zip/a.md",
                "news.zip/b/second.txt",
                "news.zip/more.zip/deep.txt"
            ]
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn climbing_names_bombs_and_deep_nesting_are_skipped_with_notes() {
        let bomb = vec![b' '; 8 << 20];
        let level2 = zip_of(&[("x.txt", b"Talks\n\nIn Bern.\n")]);
        let level1 = zip_of(&[("level2.zip", &level2)]);
        let outer = zip_of(&[
            ("../escape.txt", b"Talks\n\nOut.\n"),
            ("bomb.txt", &bomb),
            ("level1.zip", &level1),
            ("ok.txt", b"Talks\n\nIn Bonn.\n"),
        ]);
        let (files, notes) = expand(&file("a.zip", outer), 20 << 20).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["a.zip/ok.txt"]);
        let all = notes.join(" | ");
        assert!(all.contains("leaves the archive"), "{all}");
        assert!(all.contains("bomb.txt: would expand"), "{all}");
        assert!(all.contains("zip inside a zip inside a zip"), "{all}");
        assert!(expand(&file("b.zip", b"PK not really".to_vec()), 1 << 20).is_err());
    }
}
