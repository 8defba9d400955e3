"""Adapters to other tools' pipelines. Each needs its own extra (`pip install 'cleaner[datatrove]'`);
nothing in the core package imports them."""
