// Workflow bundling and real servers take seconds, not milliseconds.
jest.setTimeout(180_000);
