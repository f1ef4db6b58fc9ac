/* FixtureNewerMinor */ typedef int placeholder_FixtureNewerMinor;
