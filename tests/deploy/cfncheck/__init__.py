"""Offline checks of the CloudFormation templates under deploy/ (see tests/deploy/README.md)."""
