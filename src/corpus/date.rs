//! Publication dates: a small calendar date type and parsers for the ways
//! news writes them (ISO 8601, RFC 2822 mail and feed headers, "Monday,
//! September 9, 2019", "4 January 2019, 12:30 GMT", file names such as
//! `2019-01-04-slug.txt` or `20190104_story.txt`).
//!
//! Knows nothing of articles: callers say where a date came from.

use serde::{Deserialize, Serialize};

/// A calendar day, with the time of day when the source gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    /// Hours and minutes, as written (no time zone arithmetic).
    pub time: Option<(u8, u8)>,
}

/// Where an article's date came from, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The user set it.
    Corrected,
    /// The file's own metadata (HTML meta tags, mail headers, feed items,
    /// table columns).
    Metadata,
    /// A dateline or byline near the top of the text.
    Text,
    /// The file name.
    FileName,
    /// The file's modification time: a last resort, shown as such.
    Modified,
}

impl DateSource {
    /// For people: "from the text".
    pub fn describe(self) -> &'static str {
        match self {
            Self::Corrected => "set by you",
            Self::Metadata => "from the file's metadata",
            Self::Text => "from the text",
            Self::FileName => "from the file name",
            Self::Modified => "file modified; no date found in it",
        }
    }
}

impl Date {
    /// A valid day, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1800..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Self {
            year,
            month,
            day,
            time: None,
        })
    }

    /// The same day with a time of day (ignored when out of range).
    pub fn with_time(mut self, hour: u8, minute: u8) -> Self {
        if hour < 24 && minute < 60 {
            self.time = Some((hour, minute));
        }
        self
    }

    /// ISO 8601: `2019-01-04` or `2019-01-04T12:30`.
    pub fn to_iso(self) -> String {
        match self.time {
            Some((h, m)) => format!("{}T{h:02}:{m:02}", self.day_iso()),
            None => self.day_iso(),
        }
    }

    /// The day alone, ISO 8601: `2019-01-04` (any time of day left out).
    pub fn day_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before), for bins and spans.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The day of a file's modification time (UTC).
    pub fn from_system_time(time: std::time::SystemTime) -> Option<Self> {
        let secs = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
        let days = i64::try_from(secs / 86_400).ok()?;
        let rest = secs % 86_400;
        Self::from_days_since_epoch(days).map(|d| {
            d.with_time(
                u8::try_from(rest / 3600).unwrap_or(0),
                u8::try_from(rest % 3600 / 60).unwrap_or(0),
            )
        })
    }

    /// Parses a date in any of the forms this module knows (ISO 8601,
    /// RFC 2822, written-out English dates).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        parse_iso(text).or_else(|| parse_written(text))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_iso())
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_iso(&text).ok_or_else(|| serde::de::Error::custom(format!("not a date: {text:?}")))
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `2019-01-04`, `2019-01-04T12:30:00Z`, `2019-01-04 12:30`, `20190104`.
fn parse_iso(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0')))
    };
    let (date, rest) = if b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
        (
            Date::new(
                i32::try_from(digits(0, 4)?).ok()?,
                u8::try_from(digits(5, 2)?).ok()?,
                u8::try_from(digits(8, 2)?).ok()?,
            )?,
            10,
        )
    } else if b.len() >= 8 && digits(0, 8).is_some() && b.get(8).is_none_or(|c| !c.is_ascii_digit())
    {
        (
            Date::new(
                i32::try_from(digits(0, 4)?).ok()?,
                u8::try_from(digits(4, 2)?).ok()?,
                u8::try_from(digits(6, 2)?).ok()?,
            )?,
            8,
        )
    } else {
        return None;
    };
    if matches!(b.get(rest), Some(b'T' | b' '))
        && b.get(rest + 3) == Some(&b':')
        && let (Some(h), Some(m)) = (digits(rest + 1, 2), digits(rest + 4, 2))
    {
        return Some(date.with_time(u8::try_from(h).ok()?, u8::try_from(m).ok()?));
    }
    Some(date)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names: "January", "jan", "Jan.", "Sept".
fn month_of(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == word || (m.starts_with(&word) && (word.len() == 3 || word == "sept")))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// "Monday, September 9, 2019", "Sep 9, 2019", "9 September 2019",
/// "Fri, 04 Jan 2019 12:30:00 +0000", "Published 4 January 2019, 12:30 GMT".
/// Needs a day, a month name and a four-digit year within a few words.
fn parse_written(text: &str) -> Option<Date> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    for (i, word) in words.iter().enumerate() {
        let Some(month) = month_of(word) else {
            continue;
        };
        let number = |w: &str| -> Option<u32> {
            let w = w.trim_end_matches(['.', ':']);
            let w = w
                .strip_suffix("st")
                .or_else(|| w.strip_suffix("nd"))
                .or_else(|| w.strip_suffix("rd"))
                .or_else(|| w.strip_suffix("th"))
                .unwrap_or(w);
            (!w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
                .then(|| w.parse().ok())
                .flatten()
        };
        let year_at = |j: usize| {
            words
                .get(j)
                .and_then(|w| number(w))
                .filter(|y| (1800..=2200).contains(y) && words[j].trim_end_matches('.').len() == 4)
        };
        // Month day year ("September 9, 2019") or day month year ("9 September 2019").
        let (day, year, after) = if let (Some(day), Some(year)) =
            (words.get(i + 1).and_then(|w| number(w)), year_at(i + 2))
        {
            (day, year, i + 3)
        } else if let (Some(day), Some(year)) = (
            i.checked_sub(1)
                .and_then(|j| words.get(j))
                .and_then(|w| number(w)),
            year_at(i + 1),
        ) {
            (day, year, i + 2)
        } else {
            continue;
        };
        let date = Date::new(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?)?;
        // A time right after: "12:30", "12:30:00".
        if let Some(time) = words.get(after) {
            let mut parts = time.split(':');
            if let (Some(h), Some(m)) = (parts.next(), parts.next())
                && let (Ok(h), Ok(m)) = (h.parse::<u8>(), m.get(..2).unwrap_or(m).parse::<u8>())
            {
                return Some(date.with_time(h, m));
            }
        }
        return Some(date);
    }
    None
}

/// A date at the start of a file name: `2019-01-04-slug`, `2019_01_04`,
/// `20190104_story`.
pub fn from_file_name(name: &str) -> Option<Date> {
    let stem = name.rsplit('/').next().unwrap_or(name);
    let normalized: String = stem
        .chars()
        .take(10)
        .map(|c| if c == '_' || c == '.' { '-' } else { c })
        .collect();
    let date = parse_iso(&normalized).or_else(|| parse_iso(stem))?;
    Some(Date { time: None, ..date })
}

/// A dateline or byline among the first lines of an article: a short line
/// that is a date ("Monday, September 9, 2019"), starts with one, or says
/// "Published …", "Updated …", "Posted …". A date inside a sentence of the
/// body ("in 2014", "on Friday") is not a publication date.
pub fn from_text_head<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<Date> {
    // The first six lines with text (blank lines between a headline, a
    // notice and the dateline do not count).
    for line in lines
        .into_iter()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
    {
        if line.chars().count() > 90 {
            continue;
        }
        let lowered = line.to_ascii_lowercase();
        let body = [
            "published",
            "updated",
            "posted",
            "first published",
            "last updated",
        ]
        .iter()
        .find_map(|p| lowered.strip_prefix(p))
        .map_or(line, |rest| {
            let cut = line.len() - rest.len();
            line[cut..].trim_start_matches([':', ' ', '-', '\u{2013}'])
        });
        if let Some(date) = parse_iso(body) {
            return Some(date);
        }
        // A written date must make up most of the line, not sit in a sentence.
        let words = body.split_whitespace().count();
        if words <= 8
            && let Some(date) = parse_written(body)
        {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn a_dateline_after_a_headline_and_notices_is_found() {
        let text = "A headline\n\nThis article requires review by an uninvolved reviewer before it is published, please see the talk page.\n\n-Article last amended: Mar 17 at 3:24:55 UTC (history)\n\nSunday, October 18, 2020\n\nThe story.";
        assert_eq!(from_text_head(text.lines()), Some(day(2020, 10, 18)));
    }

    #[test]
    fn iso_dates_parse_with_and_without_time() {
        assert_eq!(Date::parse("2019-01-04"), Some(day(2019, 1, 4)));
        assert_eq!(
            Date::parse("2019-01-04T12:30:00Z"),
            Some(day(2019, 1, 4).with_time(12, 30))
        );
        assert_eq!(Date::parse("20190104"), Some(day(2019, 1, 4)));
        assert_eq!(Date::parse("2019-02-30"), None);
        assert_eq!(Date::parse("2019-13-01"), None);
    }

    #[test]
    fn written_dates_parse_in_both_orders() {
        assert_eq!(
            Date::parse("Monday, September 9, 2019"),
            Some(day(2019, 9, 9))
        );
        assert_eq!(Date::parse("9 September 2019"), Some(day(2019, 9, 9)));
        assert_eq!(Date::parse("Sept. 9, 2019"), Some(day(2019, 9, 9)));
        assert_eq!(
            Date::parse("Fri, 04 Jan 2019 12:30:00 +0000"),
            Some(day(2019, 1, 4).with_time(12, 30))
        );
        assert_eq!(Date::parse("May 2019"), None);
        assert_eq!(Date::parse("in the spring"), None);
    }

    #[test]
    fn datelines_are_found_but_dates_in_sentences_are_not() {
        assert_eq!(
            from_text_head(["Headline", "", "Monday, January 14, 2019", "", "Text."]),
            Some(day(2019, 1, 14))
        );
        assert_eq!(
            from_text_head(["Published 4 January 2019, 12:30 GMT"]),
            Some(day(2019, 1, 4).with_time(12, 30))
        );
        assert_eq!(
            from_text_head(["Updated: 2020-03-01"]),
            Some(day(2020, 3, 1))
        );
        assert_eq!(
            from_text_head([
                "The war, which began on 24 February 2022 in the east of the country, went on for years after that."
            ]),
            None
        );
        assert_eq!(
            from_text_head(["He spoke on Friday.", "In 2014 it began."]),
            None
        );
    }

    #[test]
    fn file_names_carry_dates() {
        assert_eq!(from_file_name("2019-01-04-slug.txt"), Some(day(2019, 1, 4)));
        assert_eq!(
            from_file_name("news/20190104_story.txt"),
            Some(day(2019, 1, 4))
        );
        assert_eq!(
            from_file_name("2019_01_04 story.txt"),
            Some(day(2019, 1, 4))
        );
        assert_eq!(from_file_name("story-2019.txt"), None);
        assert_eq!(from_file_name("123456789.txt"), None);
    }

    #[test]
    fn day_numbers_round_trip() {
        for days in [-1000, 0, 1, 17_900, 18_262, 40_000] {
            let date = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days);
        }
        assert_eq!(day(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(day(2000, 3, 1).days_since_epoch(), 11_017);
    }
}
