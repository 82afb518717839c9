"""The model of coherence (*model van samenhang*, chapter 3 of the method description) with a
network's evidence on each link: `model` (the method's theory of change, pure),
`selectors` (the evidence), `charts` (the SVG figures), `views` (the pages)."""
