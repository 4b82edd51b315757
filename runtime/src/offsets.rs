//! Offsets in a text read out of another (the content of an envelope string) mapped back
//! to offsets in the file, so findings inside the inner document point into the file.
//!
//! Its own module because both sides use it: the envelope builds a map while unescaping,
//! and the reader's [`Document`](crate::reader::Document) answers positions through it.

/// One checkpoint of an [`OffsetMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Checkpoint {
    /// Offset in the unescaped (inner) text.
    pub(crate) inner: u32,
    /// Offset in the file.
    pub(crate) file: u32,
    /// Whether the inner text from here to the next checkpoint is a verbatim copy of the file
    /// (true) or the output of one escape sequence (false).
    pub(crate) verbatim: bool,
}

/// Maps offsets in an unescaped envelope string to offsets in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pub(crate) checkpoints: Vec<Checkpoint>,
}

impl OffsetMap {
    /// The file offset of an inner offset.
    pub fn to_file(&self, inner: u32) -> u32 {
        let after = self.checkpoints.partition_point(|c| c.inner <= inner);
        match after.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
            Some(c) if c.verbatim => c.file.saturating_add(inner - c.inner),
            Some(c) => c.file,
            None => self.checkpoints.first().map_or(inner, |c| c.file),
        }
    }

    /// How many checkpoints the map holds (two per escape sequence, plus one).
    pub fn len(&self) -> usize {
        self.checkpoints.len()
    }

    /// Whether the map has no checkpoint (never the case for a map built by the envelope).
    pub fn is_empty(&self) -> bool {
        self.checkpoints.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_verbatim_runs_and_escapes() {
        // File `x"ab\u00e9cd"`: content at 2; `ab` verbatim, the escape at 4..10 gives two
        // bytes, then `cd` verbatim.
        let map = OffsetMap {
            checkpoints: vec![
                Checkpoint {
                    inner: 0,
                    file: 2,
                    verbatim: true,
                },
                Checkpoint {
                    inner: 2,
                    file: 4,
                    verbatim: false,
                },
                Checkpoint {
                    inner: 4,
                    file: 10,
                    verbatim: true,
                },
            ],
        };
        let mapped: Vec<u32> = (0..7).map(|i| map.to_file(i)).collect();
        assert_eq!(mapped, [2, 3, 4, 4, 10, 11, 12]);
        assert_eq!(map.len(), 3);
        let empty = OffsetMap::default();
        assert!(empty.is_empty());
        assert_eq!(empty.to_file(5), 5);
    }
}
