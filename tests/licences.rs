//! Every crate knowmap is built from may be shipped under a permissive
//! licence: no GPL, LGPL or AGPL unless the crate also offers a permissive
//! alternative ("Apache-2.0 OR GPL-2.0-only" is fine, "GPL-3.0" is not).
#![allow(clippy::unwrap_used)]

use std::process::Command;

/// Licences we can ship under (SPDX identifiers, after `WITH` exceptions
/// are stripped).
const PERMISSIVE: &[&str] = &[
    "MIT",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "Zlib",
    "Unlicense",
    "0BSD",
    "BSL-1.0",
    "Unicode-3.0",
    "Unicode-DFS-2016",
    "OFL-1.1",
    "Ubuntu-font-1.0",
    "CC0-1.0",
    "MPL-2.0",
];

/// Whether an SPDX expression can be satisfied with permissive licences.
/// Handles `AND`, `OR`, `WITH`, parentheses and the old `/` for `OR`.
fn acceptable(expression: &str) -> bool {
    let spaced = expression
        .replace('/', " OR ")
        .replace('(', " ( ")
        .replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    let ok = or_expr(&tokens, &mut at);
    ok && at == tokens.len()
}

fn or_expr(tokens: &[&str], at: &mut usize) -> bool {
    let mut ok = and_expr(tokens, at);
    while tokens.get(*at) == Some(&"OR") {
        *at += 1;
        ok |= and_expr(tokens, at);
    }
    ok
}

fn and_expr(tokens: &[&str], at: &mut usize) -> bool {
    let mut ok = term(tokens, at);
    while tokens.get(*at) == Some(&"AND") {
        *at += 1;
        ok &= term(tokens, at);
    }
    ok
}

fn term(tokens: &[&str], at: &mut usize) -> bool {
    let Some(&token) = tokens.get(*at) else {
        return false;
    };
    *at += 1;
    let ok = if token == "(" {
        let inner = or_expr(tokens, at);
        if tokens.get(*at) == Some(&")") {
            *at += 1;
        }
        inner
    } else {
        PERMISSIVE.contains(&token)
    };
    // "Apache-2.0 WITH LLVM-exception": an exception only adds permissions.
    if tokens.get(*at) == Some(&"WITH") {
        *at += 2;
    }
    ok
}

#[test]
fn the_expression_reader_tells_copyleft_from_permissive() {
    assert!(acceptable("MIT OR Apache-2.0"));
    assert!(acceptable("MIT/Apache-2.0"));
    assert!(acceptable("Apache-2.0 OR GPL-2.0-only"));
    assert!(acceptable("(MIT OR Apache-2.0) AND Unicode-3.0"));
    assert!(acceptable(
        "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT"
    ));
    assert!(!acceptable("GPL-3.0-or-later"));
    assert!(!acceptable("MIT AND LGPL-2.1-only"));
    assert!(!acceptable("(MIT OR Apache-2.0) AND AGPL-3.0"));
    assert!(!acceptable(""));
}

/// The host's target triple, as rustc reports it.
fn host() -> String {
    let out = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .arg("-vV")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .unwrap()
        .to_owned()
}

#[test]
fn no_dependency_is_copyleft_only() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .args(["--filter-platform", &host()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    assert!(packages.len() > 100, "{} packages", packages.len());
    let bad: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let name = p["name"].as_str().unwrap_or("?");
            let licence = p["license"].as_str().unwrap_or("");
            (!acceptable(licence)).then(|| format!("{name}: {licence:?}"))
        })
        .collect();
    assert!(bad.is_empty(), "not permissively licensed: {bad:#?}");
}
