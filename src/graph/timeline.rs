//! The corpus over time: articles per day, week or month (the bin follows
//! the span), and any node's mentions in the same bins, from the articles'
//! publication dates. Dates known only from a file's modification time are
//! left out: a copied folder would put every article on one day.
//!
//! Plain data, no egui; O(articles) to build, O(evidence of the node) per
//! series.

use crate::corpus::{Corpus, Date};

use super::NodeData;
use super::window::TimeWindow;

/// How long one bin is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bin {
    Day,
    /// Weeks start on Monday.
    Week,
    Month,
}

impl Bin {
    /// "day", "week", "month".
    pub fn name(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
        }
    }

    /// The bin for a span of `days`: days up to three months, weeks up to
    /// three years, months beyond.
    pub fn for_span(days: i64) -> Self {
        if days <= 92 {
            Self::Day
        } else if days <= 3 * 366 {
            Self::Week
        } else {
            Self::Month
        }
    }

    /// A key that orders bins and is equal within one.
    fn key(self, date: Date) -> i64 {
        match self {
            Self::Day => date.days_since_epoch(),
            // 1970-01-01 was a Thursday: shift so weeks start on Monday.
            Self::Week => (date.days_since_epoch() + 3).div_euclid(7),
            Self::Month => i64::from(date.year) * 12 + i64::from(date.month) - 1,
        }
    }

    /// The first day of the bin with `key`.
    fn first_day(self, key: i64) -> Option<Date> {
        match self {
            Self::Day => Date::from_days_since_epoch(key),
            Self::Week => Date::from_days_since_epoch(key * 7 - 3),
            Self::Month => Date::new(
                i32::try_from(key.div_euclid(12)).ok()?,
                u8::try_from(key.rem_euclid(12) + 1).ok()?,
                1,
            ),
        }
    }
}

/// One bin of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeBin {
    /// Its first day.
    pub start: Date,
    /// Dated articles in it.
    pub articles: u32,
}

/// Articles per bin over the corpus's dated span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub bin: Bin,
    /// Every bin from the first dated article to the last, empty ones too.
    pub bins: Vec<TimeBin>,
    /// Article id → its bin, `None` when undated.
    article_bin: Vec<Option<u32>>,
    /// Articles without a usable date.
    pub undated: u32,
    /// The key of the first bin.
    first_key: i64,
}

/// When a node or link was in the news: its first and last dated paragraph
/// and its busiest week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub first: Date,
    pub last: Date,
    /// The Monday of the week with most of its paragraphs (the earliest of
    /// equals), and how many.
    pub peak_week: Date,
    pub peak: u32,
    /// Its paragraphs in dated articles.
    pub dated: u32,
}

impl Seen {
    /// When the paragraphs `evidence` appeared; `None` when none is dated.
    pub fn of(corpus: &Corpus, evidence: &[super::EvidenceRef]) -> Option<Self> {
        let mut weeks: std::collections::BTreeMap<i64, u32> = std::collections::BTreeMap::new();
        let (mut first, mut last): (Option<Date>, Option<Date>) = (None, None);
        let mut dated = 0;
        for e in evidence {
            let Some(date) = super::window::timeline_date(corpus, e.article.raw()) else {
                continue;
            };
            dated += 1;
            let day = date.days_since_epoch();
            if first.is_none_or(|f| day < f.days_since_epoch()) {
                first = Some(date);
            }
            if last.is_none_or(|l| day > l.days_since_epoch()) {
                last = Some(date);
            }
            *weeks.entry(Bin::Week.key(date)).or_default() += 1;
        }
        let (week, peak) = weeks.iter().fold(
            (0i64, 0u32),
            |best, (&w, &c)| if c > best.1 { (w, c) } else { best },
        );
        Some(Self {
            first: first?,
            last: last?,
            peak_week: Bin::Week.first_day(week)?,
            peak,
            dated,
        })
    }

    /// "first 2019-01-04 · last 2019-03-02 · busiest: week of 2019-02-11 (5)".
    pub fn describe(&self) -> String {
        if self.first.days_since_epoch() == self.last.days_since_epoch() {
            return format!("seen on {}", self.first.day_iso());
        }
        format!(
            "first seen {} · last {} · busiest: week of {} ({} paragraph{})",
            self.first.day_iso(),
            self.last.day_iso(),
            self.peak_week.day_iso(),
            self.peak,
            if self.peak == 1 { "" } else { "s" }
        )
    }
}

/// At most this many bins are drawn (a span of centuries in days would be
/// millions): the bin grows until the span fits.
const MAX_BINS: i64 = 5_000;

impl Timeline {
    /// The timeline of a corpus; `None` when fewer than two articles have a
    /// date, or all have the same day.
    pub fn of(corpus: &Corpus) -> Option<Self> {
        let dates: Vec<Option<Date>> = (0..corpus.articles.len())
            .map(|a| super::window::timeline_date(corpus, u32::try_from(a).ok()?))
            .collect();
        let days = dates.iter().flatten().map(|d| d.days_since_epoch());
        let (first, last) = days.clone().min().zip(days.max())?;
        if first == last {
            return None;
        }
        let mut bin = Bin::for_span(last - first);
        let range = |bin: Bin| {
            let keys = dates.iter().flatten().map(|d| bin.key(*d));
            keys.clone().min().zip(keys.max())
        };
        let (mut low, mut high) = range(bin)?;
        while high - low + 1 > MAX_BINS && bin != Bin::Month {
            bin = if bin == Bin::Day {
                Bin::Week
            } else {
                Bin::Month
            };
            (low, high) = range(bin)?;
        }
        let count = usize::try_from((high - low + 1).min(MAX_BINS)).ok()?;
        let mut bins: Vec<TimeBin> = (0..count)
            .map(|i| TimeBin {
                start: bin
                    .first_day(low + i as i64)
                    .or_else(|| Date::new(1970, 1, 1))
                    .unwrap_or(Date {
                        year: 1970,
                        month: 1,
                        day: 1,
                        time: None,
                    }),
                articles: 0,
            })
            .collect();
        let mut undated = 0;
        let article_bin = dates
            .iter()
            .map(|d| {
                let Some(d) = d else {
                    undated += 1;
                    return None;
                };
                let i = usize::try_from(bin.key(*d) - low)
                    .ok()
                    .filter(|&i| i < count)?;
                bins[i].articles += 1;
                u32::try_from(i).ok()
            })
            .collect();
        Some(Self {
            bin,
            bins,
            article_bin,
            undated,
            first_key: low,
        })
    }

    /// The bin of an article, if it is dated.
    pub fn bin_of(&self, article: u32) -> Option<usize> {
        self.article_bin
            .get(article as usize)
            .copied()
            .flatten()
            .map(|b| b as usize)
    }

    /// A node's paragraphs per bin (mentions in kept paragraphs, counted
    /// once per paragraph).
    pub fn node_series(&self, node: &NodeData) -> Vec<u32> {
        let mut series = vec![0; self.bins.len()];
        for evidence in &node.paragraphs {
            if let Some(b) = self.bin_of(evidence.article.raw()) {
                series[b] += 1;
            }
        }
        series
    }

    /// The days of bins `first..=last` (clamped to the timeline).
    pub fn window_of_bins(&self, first: usize, last: usize) -> Option<TimeWindow> {
        let count = self.bins.len();
        if count == 0 {
            return None;
        }
        let (first, last) = (
            first.min(last).min(count - 1),
            first.max(last).min(count - 1),
        );
        let next = self
            .bin
            .first_day(self.first_key + last as i64 + 1)?
            .days_since_epoch();
        Some(TimeWindow::new(
            self.bins[first].start,
            Date::from_days_since_epoch(next - 1)?,
        ))
    }

    /// Where a day falls on the bin axis: bin `i` spans `i − 0.5 .. i + 0.5`,
    /// and a day inside it falls in proportion.
    pub fn position_of(&self, date: Date) -> f64 {
        let i = self.bin.key(date) - self.first_key;
        let start = self
            .bin
            .first_day(self.first_key + i)
            .map_or(0, Date::days_since_epoch);
        let end = self
            .bin
            .first_day(self.first_key + i + 1)
            .map_or(start + 1, Date::days_since_epoch);
        let within = (date.days_since_epoch() - start) as f64 / (end - start).max(1) as f64;
        i as f64 - 0.5 + within
    }

    /// Where a window lies on the bin axis: from the start of its first day
    /// to the end of its last.
    pub fn span_of(&self, window: TimeWindow) -> (f64, f64) {
        let after =
            Date::from_days_since_epoch(window.to.days_since_epoch() + 1).unwrap_or(window.to);
        (self.position_of(window.from), self.position_of(after))
    }

    /// The label of a bin: "2019-01-04", "week of 2019-01-07", "2019-01".
    pub fn label(&self, index: usize) -> String {
        let Some(bin) = self.bins.get(index) else {
            return String::new();
        };
        let d = bin.start;
        match self.bin {
            Bin::Day => d.day_iso(),
            Bin::Week => format!("week of {}", d.day_iso()),
            Bin::Month => format!("{:04}-{:02}", d.year, d.month),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ArticleId, Furniture, ParagraphId, SourceFile};

    fn corpus(names: &[&str]) -> Corpus {
        let files = names
            .iter()
            .map(|name| SourceFile {
                path: (*name).to_owned(),
                bytes: b"Talks\n\nVladimir Putin spoke about Russia in Moscow.\n".to_vec(),
                modified: None,
            })
            .collect();
        Corpus::from_sources(files, &Furniture::builtin(), Vec::new())
    }

    #[test]
    fn articles_fall_into_day_bins_with_empty_days_between() {
        let c = corpus(&[
            "2019-01-04-a.txt",
            "2019-01-04-b.txt",
            "2019-01-07-c.txt",
            "undated.txt",
        ]);
        let t = Timeline::of(&c).unwrap();
        assert_eq!(t.bin, Bin::Day);
        let counts: Vec<u32> = t.bins.iter().map(|b| b.articles).collect();
        assert_eq!(counts, vec![2, 0, 0, 1]);
        assert_eq!(t.undated, 1);
        assert_eq!(t.label(3), "2019-01-07");
        assert_eq!(t.bin_of(3), None);
    }

    #[test]
    fn long_spans_use_weeks_then_months() {
        let t = Timeline::of(&corpus(&["2019-01-02-a.txt", "2019-12-30-b.txt"])).unwrap();
        assert_eq!(t.bin, Bin::Week);
        // 2019-01-02 is a Wednesday: its week starts on Monday 2018-12-31.
        assert_eq!(t.label(0), "week of 2018-12-31");
        let t = Timeline::of(&corpus(&["2010-05-02-a.txt", "2019-12-30-b.txt"])).unwrap();
        assert_eq!(t.bin, Bin::Month);
        assert_eq!(t.label(0), "2010-05");
        assert_eq!(t.bins.len(), 116);
    }

    #[test]
    fn bins_and_windows_convert_both_ways() {
        let t = Timeline::of(&corpus(&["2019-01-02-a.txt", "2019-12-30-b.txt"])).unwrap();
        // Weeks: bin 1 is the week of Monday 2019-01-07.
        let w = t.window_of_bins(1, 2).unwrap();
        assert_eq!(w.label(), "2019-01-07 to 2019-01-20");
        assert_eq!(t.span_of(w), (0.5, 2.5));
        let d = Date::new(2019, 1, 10).unwrap(); // Thursday: 3 days in
        assert!((t.position_of(d) - (0.5 + 3.0 / 7.0)).abs() < 1e-9);
        // Out of range is clamped, reversed ends are ordered.
        assert_eq!(
            t.window_of_bins(9_999, 0).unwrap().from.to_iso(),
            "2018-12-31"
        );
    }

    #[test]
    fn first_last_and_busiest_week() {
        let c = corpus(&[
            "2019-01-04-a.txt",
            "2019-01-14-b.txt",
            "2019-01-15-c.txt",
            "2019-02-01-d.txt",
            "undated.txt",
        ]);
        let evidence: Vec<super::super::EvidenceRef> = (0..5)
            .map(|article| super::super::EvidenceRef {
                article: ArticleId::new(article),
                paragraph: ParagraphId::new(0),
            })
            .collect();
        let seen = Seen::of(&c, &evidence).unwrap();
        assert_eq!(seen.first.to_iso(), "2019-01-04");
        assert_eq!(seen.last.to_iso(), "2019-02-01");
        assert_eq!(seen.peak_week.to_iso(), "2019-01-14");
        assert_eq!((seen.peak, seen.dated), (2, 4));
        assert_eq!(
            seen.describe(),
            "first seen 2019-01-04 · last 2019-02-01 · busiest: week of 2019-01-14 (2 paragraphs)"
        );
        assert!(Seen::of(&c, &evidence[4..]).is_none());
    }

    #[test]
    fn one_day_or_no_dates_is_no_timeline() {
        assert!(Timeline::of(&corpus(&["a.txt", "b.txt"])).is_none());
        assert!(Timeline::of(&corpus(&["2019-01-04-a.txt", "2019-01-04-b.txt"])).is_none());
    }
}
