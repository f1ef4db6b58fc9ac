/* FixtureDuplicateID */ typedef int placeholder_FixtureDuplicateID;
