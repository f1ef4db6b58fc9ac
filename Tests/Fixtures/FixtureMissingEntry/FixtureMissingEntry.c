/* FixtureMissingEntry */ typedef int placeholder_FixtureMissingEntry;
