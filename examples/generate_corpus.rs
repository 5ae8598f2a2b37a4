//! Writes a generated news corpus (default: 2,000 articles, ~5 MB) to a
//! folder, for timing `knowmap build` and the window on realistic input.
//!
//! usage: cargo run --release --example generate_corpus -- DIR [ARTICLES] [news]
//!
//! With `news`, the general-news corpus calibrated to real reporting
//! (`SyntheticSettings::news`, 2,200 articles by default).

use knowmap::corpus::synthetic::{SyntheticSettings, generate, write_to};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: generate_corpus DIR [ARTICLES] [news]");
        std::process::exit(2);
    };
    let articles: Option<usize> = args.next().and_then(|a| a.parse().ok());
    let base = if args.next().as_deref() == Some("news") {
        SyntheticSettings::news()
    } else {
        SyntheticSettings::default()
    };
    let settings = SyntheticSettings {
        articles: articles.unwrap_or(base.articles),
        ..base
    };
    let files = generate(&settings);
    write_to(std::path::Path::new(&dir), &files)?;
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    eprintln!("{} articles, {bytes} bytes in {dir}", files.len());
    Ok(())
}
