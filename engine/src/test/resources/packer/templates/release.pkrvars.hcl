release = "v2.3.4"
