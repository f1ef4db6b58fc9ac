/* FixtureWrongMajor */ typedef int placeholder_FixtureWrongMajor;
