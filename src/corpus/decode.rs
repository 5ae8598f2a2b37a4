//! Bytes → text: BOM sniffing, UTF-8 validation, UTF-16 without BOM, and a
//! legacy-encoding guess (chardetng) for everything else.
//!
//! Never fails: every byte sequence decodes to some text. What was guessed or
//! replaced is reported so the caller can warn about it. Knows nothing of files.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// The result of decoding one file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text, without a byte-order mark.
    pub text: String,
    /// The encoding used, as encoding_rs names it ("UTF-8", "windows-1252"…).
    pub encoding: &'static str,
    /// Something the user should know about: a guessed encoding or replaced bytes.
    pub note: Option<String>,
}

/// Decodes `bytes` to text.
///
/// UTF-8 (with or without BOM) and UTF-16 with BOM are decoded directly;
/// UTF-16 without BOM is recognised by its pattern of zero bytes; anything
/// else is either mostly-valid UTF-8 with a few bad bytes (replaced by U+FFFD)
/// or a legacy encoding guessed by chardetng (Windows-1252 is the usual one in
/// news dumps). Runs in O(n).
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let note = had_errors
            .then(|| format!("invalid {} sequences replaced with U+FFFD", encoding.name()));
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            note,
        };
    }
    // ASCII text in UTF-16 is valid UTF-8 full of NULs: sniff it first.
    if bytes[..bytes.len().min(4096)].contains(&0)
        && let Some(encoding) = sniff_utf16(bytes)
    {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            note: Some(format!(
                "no byte-order mark; decoded as {} from its pattern of zero bytes",
                encoding.name()
            )),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            note: None,
        };
    }
    let (valid, invalid) = utf8_sequence_counts(bytes);
    // Text that is overwhelmingly UTF-8 with a few damaged bytes stays UTF-8:
    // a legacy guess would garble every correct multi-byte character.
    if valid > 0 && invalid * 4 <= valid {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Decoded {
            text,
            encoding: UTF_8.name(),
            note: Some(format!(
                "{invalid} invalid UTF-8 sequence(s) replaced with U+FFFD"
            )),
        };
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    let (text, _, _) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        note: Some(format!(
            "not valid UTF-8; decoded as {} (guessed)",
            encoding.name()
        )),
    }
}

/// Text as it is read: every line end becomes `\n` (`\r\n` and a lone
/// `\r` alike); control characters become spaces; invisible characters that
/// split or disguise words (zero-width space, word joiner, stray BOMs,
/// bidirectional overrides) are removed. Returns the cleaned text when
/// anything changed, and how many characters were not line ends.
pub fn clean(text: &str) -> (Option<String>, usize) {
    let odd = |c: char| {
        c == '\r'
            || (c.is_control() && c != '\n' && c != '\t')
            || matches!(
                c,
                '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            )
    };
    if !text.chars().any(odd) {
        return (None, 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {
                removed += 1;
                out.push(' ');
            }
            c if odd(c) => removed += 1,
            c => out.push(c),
        }
    }
    (Some(out), removed)
}

/// Recognises BOM-less UTF-16 by zero bytes concentrated at odd (LE) or even
/// (BE) positions, as ASCII-heavy UTF-16 text always has.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if zeros_odd * 10 >= pairs * 4 && zeros_even * 10 <= pairs {
        Some(UTF_16LE)
    } else if zeros_even * 10 >= pairs * 4 && zeros_odd * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Counts well-formed multi-byte UTF-8 sequences and invalid sequences.
fn utf8_sequence_counts(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                valid += rest.bytes().filter(|b| *b >= 0xC0).count();
                return (valid, invalid);
            }
            Err(error) => {
                let (good, after) = bytes.split_at(error.valid_up_to());
                valid += good.iter().filter(|b| **b >= 0xC0).count();
                invalid += 1;
                let skip = error.error_len().unwrap_or(after.len());
                bytes = &after[skip..];
            }
        }
    }
}

/// True when the start of `bytes` looks like a binary file: a NUL byte in
/// the first 8 KiB that is not explained by UTF-16.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0) && Encoding::for_bom(bytes).is_none() && sniff_utf16(bytes).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        let decoded = decode(b"\xEF\xBB\xBFhello");
        assert_eq!(decoded.text, "hello");
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.note.is_none());
    }

    #[test]
    fn utf16_le_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Kyiv £".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).text, "Kyiv £");
    }

    #[test]
    fn utf16_be_without_bom_is_sniffed() {
        let mut bytes = Vec::new();
        for unit in "Peace talks in Geneva".encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "Peace talks in Geneva");
        assert!(decoded.note.is_some());
        assert!(!looks_binary(&bytes));
    }

    #[test]
    fn latin1_is_guessed_as_windows_1252() {
        let decoded = decode(b"Le pr\xE9sident a pay\xE9 \xA3100 \xE0 Paris pour le caf\xE9.");
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.text.contains("président"));
        assert!(decoded.text.contains('£'));
    }

    #[test]
    fn one_bad_byte_in_utf8_text_is_replaced_not_reguessed() {
        let mut bytes = "Zelenskyy’s “plan” été".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend("more text".as_bytes());
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(
            decoded
                .text
                .contains("Zelenskyy’s “plan” été\u{FFFD}more text")
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary(b"plain text"));
    }
}
