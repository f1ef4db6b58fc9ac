/* FixtureMalformed */ typedef int placeholder_FixtureMalformed;
