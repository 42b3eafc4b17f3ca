SELECT revision FROM catalog_revision WHERE id = 1
