/* FixtureInitFails */ typedef int placeholder_FixtureInitFails;
