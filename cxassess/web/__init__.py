"""The browser workspace (``cxassess serve``)."""
