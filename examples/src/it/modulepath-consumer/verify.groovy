// the quick start compiled against the installed jars and sent its first email
def log = new File(basedir, 'build.log').text
assert log.contains('to ada@example.com: Ada, a role at Acme')
