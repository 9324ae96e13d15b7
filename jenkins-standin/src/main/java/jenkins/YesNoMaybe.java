package jenkins;

/** Stand-in: a three-valued answer. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
