"""The quarterly board report: delivery-plan progress, spend against allocation, outputs."""
