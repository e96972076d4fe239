"""public_service models: the network (network.py), the residents' side (resident.py), campaigns (campaigns.py)."""
