# Written for Evident (not third-party code): makes random SSDA903 returns and records the codes the
# community validator csc-validator-be-903 v0.1.14 fires on them. Run from a checkout of that validator
# (with stand-ins for its qlacref_* reference packages on PYTHONPATH): python3 generate.py 7 200
# writes /tmp/tm/cases.json; validator-results.json wraps that file with "about" and "rules".
import random, json, copy, importlib, sys, io
import pandas as pd, numpy as np
random.seed(int(sys.argv[1]) if len(sys.argv)>1 else 1)
N=int(sys.argv[2]) if len(sys.argv)>2 else 300
RULES=["104","166","167","304","399","440","441","564","565","566","567","570","571","574","575","577","578","580","581","586","1004","1005","1006"]
mods={r:importlib.import_module(f"lac_validator.rules.lac2022_23.rule_{r}") for r in RULES}
import datetime as dt
def d(y0=2023,y1=2025):
    a=dt.date(y0,1,1); b=dt.date(y1,6,30)
    return a+dt.timedelta(days=random.randint(0,(b-a).days))
def f(x): return x.strftime("%d/%m/%Y")
def datecell(y0=2023,y1=2025,blank=0.15,bad=0.05):
    r=random.random()
    if r<blank: return ""
    if r<blank+bad: return random.choice(["31/02/2024","2024-05-01","xx"])
    return f(d(y0,y1))
COLS={"Header":"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB".split(","),
"Episodes":"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN".split(","),
"Missing":["CHILD","DOB","MISSING","MIS_START","MIS_END"],"Reviews":["CHILD","DOB","REVIEW","REVIEW_CODE"],"UASC":["CHILD","SEX","DOB","DUC"]}
cases=[]
for n in range(N):
    T={k:[] for k in COLS}
    for c in random.sample(["A","B","C"],random.randint(1,2)):
        dob=d(2004,2022) if random.random()<0.9 else dt.date(2006,random.choice([5,6,7]),1)
        T["Header"].append({"CHILD":c,"SEX":"M","DOB":f(dob),"ETHNIC":"WBRI","UPN":"UN2","MOTHER":random.choice(["","","0"]),"MC_DOB":""})
        start=d(2023,2024)
        for k in range(random.randint(0,3)):
            end=start+dt.timedelta(days=random.randint(1,200))
            if dob.year==2006 and random.random()<0.6: start=min(start,dt.date(2024,dob.month,1)-dt.timedelta(days=30)); end=dt.date(2024,dob.month,1)
            op=random.random()<0.3
            T["Episodes"].append({"CHILD":c,"DECOM":f(start),"RNE":"S","LS":random.choice(["C2","C2","V3"]),"CIN":"N1","PLACE":"U1","PLACE_PROVIDER":"PR1",
              "DEC":"" if op else f(end),"REC":"" if op else random.choice(["E8","X1","E4A"]),"REASON_PLACE_CHANGE":"","HOME_POST":"","PL_POST":"","URN":""})
            if op: break
            start=end+dt.timedelta(days=random.choice([0,0,5,60]))
        mdob=f(dob) if random.random()<0.9 else datecell()
        for k in range(random.randint(0,3)):
            T["Missing"].append({"CHILD":c,"DOB":mdob,"MISSING":random.choice(["M","A","M","","X"]),"MIS_START":datecell(2023,2025),"MIS_END":(f(dt.date(2024,dob.month,1)) if dob.year==2006 and random.random()<0.6 else datecell(2023,2025,0.35))})
        if random.random()<0.5:
            for k in range(random.randint(0,2)):
                T["Reviews"].append({"CHILD":c,"DOB":f(dob) if random.random()<0.5 else f(d(2018,2022)),"REVIEW":datecell(2023,2025),"REVIEW_CODE":random.choice(["PN0","PN1","PN7","PN8",""])})
        if random.random()<0.4:
            T["UASC"].append({"CHILD":c,"SEX":"M","DOB":f(dob),"DUC":datecell(2023,2025,0.4)})
    csv={k:",".join(COLS[k])+"\n"+"".join(",".join(r[c] for c in COLS[k])+"\n" for r in rows) for k,rows in T.items()}
    def dfs():
        out={}
        for k in COLS:
            df=pd.read_csv(io.StringIO(csv[k]),dtype=str,keep_default_na=False).replace("",np.nan)
            df=df.astype(object)
            for col in df.columns: df[col]=df[col].map(lambda v: v.upper() if isinstance(v,str) else v)
            out[k]=df
        h,u=out["Header"],out["UASC"]
        mi=h.merge(u,how="left",on="CHILD",indicator=True)["_merge"]
        h.loc[mi=="both","UASC"]="1"; h.loc[mi=="left_only","UASC"]="0"
        out["metadata"]={"collection_start":"01/04/2024","collection_end":"31/03/2025","file_format":"csv"}
        return out
    fired=[]
    for r in RULES:
        res=mods[r].validate(dfs())
        if any(len(v)>0 for v in res.values()): fired.append(r)
    cases.append({"csv":csv,"codes":fired})
json.dump(cases,open("/tmp/tm/cases.json","w"))
from collections import Counter
print(Counter(c for x in cases for c in x["codes"]))
