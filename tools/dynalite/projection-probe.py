"""Why a projection does not make a busy dealership's year cheaper on dynalite (README, "Reports at any scale").

Starts the project's dynalite (tools/dynalite, after `npm ci` there) on port 4599, writes twelve month items shaped
like a busy dealership's (1,700 registers, 250 sale records, 800 cohort records, every counter), a quiet one's, and
two smaller layouts, and prints the median of 31 consistent BatchGetItem reads of each. Run: python3 tools/dynalite/projection-probe.py
"""
import os, subprocess, atexit
here = os.path.dirname(os.path.abspath(__file__))
server = subprocess.Popen(['node', os.path.join(here, 'node_modules', 'dynalite', 'cli.js'), '--port', '4599'],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
atexit.register(server.terminate)
import boto3, time, random, statistics
time.sleep(1)
db = boto3.client('dynamodb', endpoint_url='http://127.0.0.1:4599', region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x')
T='probe'
try: db.delete_table(TableName=T)
except Exception: pass
db.create_table(TableName=T, KeySchema=[{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'sk','KeyType':'RANGE'}],
  AttributeDefinitions=[{'AttributeName':'pk','AttributeType':'S'},{'AttributeName':'sk','AttributeType':'S'}], BillingMode='PAY_PER_REQUEST')
time.sleep(0.5)
rnd = random.Random(1)
def counters(dense):
    a={}
    for st in 'CATS':
        for d in range(1,32):
            if dense or rnd.random()<0.05: a['n%s%02d'%(st,d)]={'N':str(rnd.randint(1,40))}
    return a
def put(pk, month, attrs):
    item={'pk':{'S':pk},'sk':{'S':'M#1#2026-%02d'%month}}; item.update(attrs); db.put_item(TableName=T, Item=item)
for m in range(1,13):
    q=counters(False); q.update({'x#Q%d'%i:{'S':'7|1767225600000|1767225600000|-|1767225600000'} for i in range(2)})
    put('QUIET',m,q)
    b=counters(True)
    for i in range(1700): b['r%s#A%05d'%('CATS'[i%4],i)]={'S':'%d|2026-%02d-%02d|R'%(rnd.randint(1,9),m,rnd.randint(1,28))}
    for i in range(250): b['x#A%05d'%i]={'S':'%d|%d|%d|%d|%d'%(rnd.randint(1,9),1767225600000+i,1767225600000+i*7,1767225600000+i*9,1767225600000+i*11)}
    for i in range(800): b['c#A%05d'%i]={'S':'%d|%02d|CAT'%(rnd.randint(1,9),rnd.randint(1,28))}
    put('BUSY',m,b)
    compact=counters(True); compact['xs']={'S':';'.join('%d,%d,%d,%d'%(rnd.randint(0,9e8),rnd.randint(0,9e8),rnd.randint(0,9e8),rnd.randint(0,9e8)) for i in range(250))}
    put('COMPACT',m,compact)
    bl=dict(b); bl['xs']=compact['xs']; put('BUSYXS',m,bl)
def keys(pk): return [{'pk':{'S':pk},'sk':{'S':'M#1#2026-%02d'%m}} for m in range(1,13)]
cnames=['n%s%02d'%(st,d) for st in 'CATS' for d in range(1,32)]
def bg(pk, proj=None):
    ka={'Keys':keys(pk),'ConsistentRead':True}
    if proj:
        names={'#a%d'%i:n for i,n in enumerate(proj)}
        ka['ProjectionExpression']=', '.join(names); ka['ExpressionAttributeNames']=names
    t=time.perf_counter(); r=db.batch_get_item(RequestItems={T:ka}); el=time.perf_counter()-t
    assert not r.get('UnprocessedKeys'), r['UnprocessedKeys']
    return el*1000
cases=[('quiet whole',lambda: bg('QUIET')),('busy whole (today)',lambda: bg('BUSY')),
       ('busy projected counters+xs',lambda: bg('BUSYXS',cnames+['xs'])),('compact whole',lambda: bg('COMPACT')),
       ('busy projected counters only',lambda: bg('BUSY',cnames))]
for n,f in cases: f()
res={n:[] for n,_ in cases}
for i in range(31):
    for n,f in cases: res[n].append(f())
for n,_ in cases: print('%-32s median %.1f ms'%(n, statistics.median(res[n])))
