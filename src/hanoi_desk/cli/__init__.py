"""The command-line front end: scripted by IT staff and batch signers."""
