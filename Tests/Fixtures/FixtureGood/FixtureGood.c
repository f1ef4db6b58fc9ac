/* FixtureGood */ typedef int placeholder_FixtureGood;
