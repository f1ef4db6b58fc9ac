/* FixtureValidateFails */ typedef int placeholder_FixtureValidateFails;
