//! What knowmap never does: open network connections, run programs (other
//! than the desktop's file opener when a person clicks "Show in folder" or
//! "Open original"), or write outside `FOLDER/.knowmap/` unless a person
//! chose the path.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use knowmap::extract::curate::Edit;
use knowmap::graph::NodeId;
use knowmap::session::Command;
use knowmap::session::ExportFormat as Format;
use knowmap::ui::KnowmapApp;

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_program_has_no_network_or_process_code() {
    let mut files = Vec::new();
    source_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 20);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // The one place a program is started: the desktop's opener, named
        // by a fixed list, on a click.
        if file.ends_with("src/ui/open.rs") {
            let programs: Vec<&str> = text
                .match_indices("Command::new(\"")
                .map(|(at, m)| {
                    let rest = &text[at + m.len()..];
                    &rest[..rest.find('"').unwrap()]
                })
                .collect();
            assert_eq!(programs, ["open", "explorer", "xdg-open"], "{programs:?}");
            assert!(!text.contains("std::net"));
            continue;
        }
        for forbidden in [
            "std::net",
            "TcpStream",
            "UdpSocket",
            "process::Command",
            "Command::new",
        ] {
            assert!(
                !text.contains(forbidden),
                "{} uses {forbidden}",
                file.display()
            );
        }
    }
    // No HTTP or socket library among the dependencies either.
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    for client in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "h2",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{client}\"")),
            "Cargo.lock contains {client}"
        );
    }
}

/// Every file below `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

#[test]
fn work_on_a_folder_writes_only_into_its_knowmap_folder() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let before = tree(dir.path());
    let contents: Vec<Vec<u8>> = before
        .iter()
        .map(|p| std::fs::read(dir.path().join(p)).unwrap())
        .collect();
    let mut app = KnowmapApp::headless(Some(dir.path().to_path_buf()));
    let n = app.session.positions.len() as u32;
    app.apply(Command::MoveNode(NodeId::new(0), [1.0, 2.0]));
    app.apply(Command::Pin(NodeId::from_raw(1 % n), true));
    app.apply(Command::Curate(vec![Edit::Ignore {
        form: "Kremlin".into(),
    }]));
    app.apply(Command::SaveLayout);
    app.apply(Command::SaveLayout);
    app.apply(Command::SaveViewAs("second".into()));
    app.session.write_autosave();
    app.apply(Command::ExportAliases);
    // Chart tables saved without a chosen path go to .knowmap/export/.
    let out = tempfile::tempdir().unwrap();
    for format in Format::ALL {
        app.apply(Command::Export(
            format,
            out.path().join(format!("x.{}", format.extension())),
        ));
    }
    let after = tree(dir.path());
    for path in &after {
        assert!(
            before.contains(path) || path.starts_with(".knowmap/"),
            "wrote {path} outside .knowmap/"
        );
    }
    // The articles themselves are untouched.
    for (path, bytes) in before.iter().zip(&contents) {
        assert_eq!(
            &std::fs::read(dir.path().join(path)).unwrap(),
            bytes,
            "{path}"
        );
    }
    // And no stray temporary files remain anywhere.
    assert!(after.iter().all(|p| !p.ends_with(".tmp")), "{after:?}");
    assert!(tree(out.path()).iter().all(|p| !p.ends_with(".tmp")));
}
