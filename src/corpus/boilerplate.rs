//! Site furniture: a small editable phrase list plus shape rules (bylines,
//! source lines). Corpus-wide repetition is judged in `corpus/mod.rs`.

use super::split::Shape;

/// The phrase list bundled with knowmap (`assets/boilerplate.txt`).
pub const BUILTIN_PHRASES: &str = include_str!("../../assets/boilerplate.txt");

/// Recognises site furniture in short lines.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    /// Normalized phrases, padded with spaces for whole-word matching.
    phrases: Vec<String>,
}

impl Furniture {
    /// The bundled phrase list.
    pub fn builtin() -> Self {
        let mut furniture = Self::default();
        furniture.add_list(BUILTIN_PHRASES);
        furniture
    }

    /// Adds phrases from a list in the `assets/boilerplate.txt` format.
    pub fn add_list(&mut self, list: &str) {
        for line in list.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let norm = super::normalize(line);
            if !norm.is_empty() {
                self.phrases.push(format!(" {norm} "));
            }
        }
    }

    /// True when `text` (with its measured `shape`) is site furniture.
    pub fn is_furniture(&self, text: &str, shape: &Shape) -> bool {
        if shape.words > 12 {
            return false;
        }
        let norm = super::normalize(text);
        let padded = format!(" {norm} ");
        if self.phrases.iter().any(|p| padded.contains(p.as_str())) {
            return true;
        }
        // Bylines: "By Jane Doe", "by Chief Editor".
        let byline = norm.starts_with("by ") && shape.words <= 6 && !shape.terminal;
        // Source and credit lines in brackets: "(Source: Reuters)".
        let trimmed = text.trim_start_matches(['(', '[']);
        let credit = text.starts_with(['(', '['])
            && [
                "source",
                "with input",
                "photo",
                "image",
                "agencies",
                "inputs",
            ]
            .iter()
            .any(|w| trimmed.to_lowercase().starts_with(w));
        let source_line =
            (norm.starts_with("source ") || norm.starts_with("sources ")) && text.contains(':');
        byline || credit || source_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn furniture(text: &str) -> bool {
        Furniture::builtin().is_furniture(text, &Shape::of(text))
    }

    #[test]
    fn navigation_and_share_lines_are_furniture() {
        for line in [
            "Back to top button",
            "WhatsApp Group Join Now",
            "Leave a Comment",
            "You may also like",
            "(Source: Reuters)",
            "By Anna Smith",
            "Share this article on Facebook",
        ] {
            assert!(furniture(line), "{line}");
        }
    }

    #[test]
    fn article_text_is_not_furniture() {
        for line in [
            "Security Guarantees and International Support",
            "The talks resumed in Geneva on Monday, officials said.",
            "By the end of the week, negotiators had agreed on a draft.",
        ] {
            assert!(!furniture(line), "{line}");
        }
    }

    #[test]
    fn user_phrases_extend_the_list() {
        let mut f = Furniture::builtin();
        let line = "Exclusive to members";
        assert!(!f.is_furniture(line, &Shape::of(line)));
        f.add_list("# mine\nexclusive to members\n");
        assert!(f.is_furniture(line, &Shape::of(line)));
    }
}
