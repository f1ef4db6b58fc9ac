/* placeholder */ typedef int hello_placeholder;
