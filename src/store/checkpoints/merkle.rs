//! The Merkle tree of a checkpoint: RFC 6962's Merkle Tree Hash with SHA-256 (as Certificate
//! Transparency uses), so any auditor can recompute it with a few lines of code:
//!
//! - a leaf is `SHA-256(0x00 ‖ "kind\nrecord_id\nrevision\nhead_hash")`, one per record, in
//!   byte order of (kind, record_id);
//! - an inner node is `SHA-256(0x01 ‖ left ‖ right)`, splitting `n` leaves at the largest power
//!   of two below `n`;
//! - the root of no leaves is `SHA-256("")`.

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

/// One record's head as a checkpoint commits to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Leaf {
    pub kind: String,
    pub record_id: String,
    pub revision: i64,
    /// The hex head hash of the record's chain at `revision`.
    pub hash: String,
}

impl Leaf {
    pub fn digest(&self) -> Hash {
        let mut hasher = Sha256::new();
        hasher.update([0u8]);
        hasher.update(
            format!(
                "{}\n{}\n{}\n{}",
                self.kind, self.record_id, self.revision, self.hash
            )
            .as_bytes(),
        );
        hasher.finalize().into()
    }
}

/// The root over leaf digests, in order.
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => Sha256::digest(b"").into(),
        1 => leaves[0],
        n => {
            let split = n.next_power_of_two() / 2;
            let mut hasher = Sha256::new();
            hasher.update([1u8]);
            hasher.update(root(&leaves[..split]));
            hasher.update(root(&leaves[split..]));
            hasher.finalize().into()
        }
    }
}

/// The hex root over leaves, which must be sorted.
pub fn root_of(leaves: &[Leaf]) -> String {
    let digests: Vec<Hash> = leaves.iter().map(Leaf::digest).collect();
    hex::encode(root(&digests))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(bytes: &[u8]) -> Hash {
        Sha256::digest(bytes).into()
    }

    fn node(l: Hash, r: Hash) -> Hash {
        let mut hasher = Sha256::new();
        hasher.update([1u8]);
        hasher.update(l);
        hasher.update(r);
        hasher.finalize().into()
    }

    #[test]
    fn the_tree_splits_at_the_largest_power_of_two_below_n() {
        let [a, b, c] = [h(b"a"), h(b"b"), h(b"c")];
        assert_eq!(root(&[]), h(b""));
        assert_eq!(root(&[a]), a);
        assert_eq!(root(&[a, b]), node(a, b));
        // RFC 6962: three leaves are (a, b) and c, not a and (b, c).
        assert_eq!(root(&[a, b, c]), node(node(a, b), c));
        let d = h(b"d");
        let e = h(b"e");
        assert_eq!(
            root(&[a, b, c, d, e]),
            node(node(node(a, b), node(c, d)), e)
        );
    }

    #[test]
    fn a_leaf_is_prefixed_so_it_cannot_pass_for_a_node() {
        let leaf = Leaf {
            kind: "claims".into(),
            record_id: "x".into(),
            revision: 2,
            hash: "ab".into(),
        };
        let mut expected = vec![0u8];
        expected.extend_from_slice(b"claims\nx\n2\nab");
        assert_eq!(leaf.digest(), h(&expected));
    }
}
