"""The partnership: area, spokes, governance (boards, SROs), agreement and Duty calendar."""
