//! proptest strategies from descriptors.
