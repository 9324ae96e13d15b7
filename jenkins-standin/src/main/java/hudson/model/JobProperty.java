package hudson.model;

/** Stand-in: a property of a job (its parameters, for one); known here only as a type. */
public abstract class JobProperty<J extends Job<?, ?>> {}
