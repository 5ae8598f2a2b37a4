//! The command line: exit codes, messages and outputs.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn knowmap() -> Command {
    Command::new(env!("CARGO_BIN_EXE_knowmap"))
}

#[test]
fn build_writes_the_graph_document_for_the_sample() {
    let out = knowmap().args(["build", "--json", "-"]).output().unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["schema"], "knowmap.graph/1.2");
    assert_eq!(doc["articles"].as_array().unwrap().len(), 5);
    assert!(!doc["nodes"].as_array().unwrap().is_empty());
    assert!(!doc["edges"].as_array().unwrap().is_empty());
}

#[test]
fn a_missing_folder_fails_with_exit_code_1_and_names_it() {
    let out = knowmap()
        .args(["build", "/no/such/knowmap/folder", "--json", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/knowmap/folder"), "{err}");
}

#[test]
fn a_folder_without_articles_fails_and_says_what_was_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("photo.jpg"), b"\xFF\xD8").unwrap();
    let out = knowmap().arg("build").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".txt"));
}

#[test]
fn usage_errors_exit_with_2() {
    let out = knowmap()
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["build", "layout"] {
        let out = knowmap().args([sub, "--help"]).output().unwrap();
        assert!(out.status.success(), "{sub}");
        assert!(!out.stdout.is_empty());
    }
}

#[test]
fn layout_lays_out_an_edge_list() {
    let dir = tempfile::tempdir().unwrap();
    let edges = dir.path().join("edges.csv");
    std::fs::write(&edges, "source,target,weight\na,b,1\nb,c,2\nc,a,1\nc,d,1\n").unwrap();
    let out_path = dir.path().join("pos.csv");
    let out = knowmap()
        .arg("layout")
        .arg(&edges)
        .args(["--iterations", "50", "--threads", "1", "--out"])
        .arg(&out_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("ms per iteration"));
    let positions = std::fs::read_to_string(out_path).unwrap();
    assert_eq!(positions.lines().count(), 5);
}

#[test]
fn build_keeps_only_the_articles_of_a_date_range() {
    let dir = tempfile::tempdir().unwrap();
    for (name, who) in [
        ("2019-01-04-talks.txt", "Vladimir Putin"),
        ("2019-02-10-summit.txt", "Donald Trump"),
        ("2019-03-01-visit.txt", "Angela Merkel"),
        ("undated.txt", "Emmanuel Macron"),
    ] {
        std::fs::write(
            dir.path().join(name),
            format!("Talks\n\n{who} spoke about Ukraine and Russia in Geneva on Monday.\n"),
        )
        .unwrap();
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_knowmap"))
        .args([
            "build",
            "--from",
            "2019-02-01",
            "--to",
            "28 February 2019",
            "--json",
            "-",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["2019-02-10-summit.txt"]);
    assert_eq!(doc["articles"][0]["id"], 0);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 articles in the date range, 3 left out")
    );
    // An empty range is an error that says so; a bad date too.
    let none = std::process::Command::new(env!("CARGO_BIN_EXE_knowmap"))
        .args(["build", "--from", "2030-01-01"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no article is dated within the range"));
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_knowmap"))
        .args(["build", "--to", "someday"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a date"));
}
