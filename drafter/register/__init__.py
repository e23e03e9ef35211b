"""The register of motions: every motion in a folder of case files, where it stands and its deadline."""
