//! Typed indices: [`ArticleId`], [`ParagraphId`], and the `id_type!` macro
//! the graph's `NodeId` and `EdgeId` are made with.

/// Declares a `u32` index newtype: `new(usize)`, `from_raw(u32)`,
/// `index()`, `raw()`, ordered and hashable, serialized as the bare number
/// (so files keep their shape).
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(u32);

        impl $name {
            /// The id of position `index`.
            ///
            /// # Panics
            /// If `index` does not fit in a `u32` (no corpus comes near).
            pub fn new(index: usize) -> Self {
                Self(u32::try_from(index).expect("an id beyond u32"))
            }

            pub const fn from_raw(raw: u32) -> Self {
                Self(raw)
            }

            /// The position, for indexing slices.
            pub const fn index(self) -> usize {
                self.0 as usize
            }

            /// The number itself, as files and tables store it.
            pub const fn raw(self) -> u32 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}
pub(crate) use id_type;

id_type!(
    /// An article of a [`Corpus`](super::Corpus): its position (articles are sorted by path).
    ArticleId
);
id_type!(
    /// A kept paragraph of an article: its position among the article's
    /// kept paragraphs (titles, headings and duplicates are not counted).
    ParagraphId
);
