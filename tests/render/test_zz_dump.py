import sys
sys.path[:0]=['/work/main/tests/render']
def test_dump(pdfs, contexts, logo):
    from render_sample import render_all_pdfs
    again = render_all_pdfs(contexts, logo.parent.as_uri() + "/")
    for k in pdfs:
        open(f'/tmp/x-{k}-1.pdf','wb').write(pdfs[k]); open(f'/tmp/x-{k}-2.pdf','wb').write(again[k])
    assert again == pdfs
